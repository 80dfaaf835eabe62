using System.Text.Json;
using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>A stored screen with its answers and the confirmations recorded for it.</summary>
public sealed record StoredScreen(JudgedScreen Screen, IReadOnlyList<ScreenReason> Reasons, IReadOnlyList<ReferralConfirmation> Confirmations)
{
    /// <summary>The strongest confirmation recorded, if any.</summary>
    public ReferralConfirmationKind? Confirmed => Confirmations.Count == 0 ? null : Confirmations.Max(c => c.Kind);
}

/// <summary>Why a confirmation could not be recorded.</summary>
public enum ConfirmationRefusal
{
    /// <summary>No screen of this person has that id.</summary>
    NoSuchScreen,

    /// <summary>The screen's outcome asks for no confirmation (routine or none).</summary>
    NotNeeded,
}

/// <summary>
/// A person's judged screens and their confirmations after a referral (safety.md sections 1 and 3): stored as
/// judged, never edited, each write one transaction. Reading every screen of the person gives the routine gate.
/// </summary>
public sealed class ScreenRecords(LimberDbContext db, TimeProvider time)
{
    private static readonly JsonSerializerOptions ReasonJson = new(JsonSerializerDefaults.Web);

    /// <summary>Stores a judged screen with every answer, the reasons as shown and the rules version.</summary>
    public Task<StoredScreen> StoreAsync(Guid personId, CompleteScreen screen, ScreenResult result, CancellationToken ct = default) =>
        StoreAsync(personId, screen, result, ScreenKind.Full, ct);

    /// <summary>Stores a judged screen of the given kind.</summary>
    /// <param name="kind">A full screen, or the recheck of the emergency items on top of <see cref="LatestCompleteAsync"/>.</param>
    public async Task<StoredScreen> StoreAsync(
        Guid personId, CompleteScreen screen, ScreenResult result, ScreenKind kind, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(screen);
        ArgumentNullException.ThrowIfNull(result);
        var judged = new JudgedScreen
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            TakenAt = StoredTime.Now(time),
            Kind = kind,
            Age = screen.Age,
            FirstEpisode = screen.FirstEpisode,
            Disposition = result.Disposition,
            RulesVersion = result.RulesVersion,
            ReasonsJson = JsonSerializer.Serialize(result.Reasons, ReasonJson),
        };
        foreach (var (itemId, answer) in screen.Answers.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            judged.Answers.Add(new ScreenAnswer { PersonId = personId, ScreenId = judged.Id, ItemId = itemId, Answer = answer });
        }

        db.JudgedScreens.Add(judged);
        try
        {
            // One SaveChanges is one transaction: the screen and all its answers, or nothing.
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return new StoredScreen(judged, result.Reasons, []);
    }

    /// <summary>Every screen of the person, newest first, with answers and confirmations.</summary>
    public async Task<IReadOnlyList<StoredScreen>> ListAsync(Guid personId, CancellationToken ct = default)
    {
        var screens = await db.JudgedScreens.AsNoTracking().AsSplitQuery()
            .Include(s => s.Answers)
            .Where(s => s.PersonId == personId)
            .ToListAsync(ct);
        var confirmations = await db.ReferralConfirmations.AsNoTracking()
            .Where(c => c.PersonId == personId)
            .ToListAsync(ct);
        var byScreen = confirmations.ToLookup(c => c.ScreenId);
        return
        [
            .. screens.OrderByDescending(s => s.TakenAt).ThenBy(s => s.Id)
                .Select(s => new StoredScreen(
                    s,
                    ReadReasons(s.ReasonsJson),
                    [.. byScreen[s.Id].OrderBy(c => c.ConfirmedAt)])),
        ];
    }

    /// <summary>One screen of the person; null when they have none with that id (another person's is "none").</summary>
    public async Task<StoredScreen?> FindAsync(Guid personId, Guid screenId, CancellationToken ct = default) =>
        (await ListAsync(personId, ct)).FirstOrDefault(s => s.Screen.Id == screenId);

    /// <summary>
    /// Records "I was seen" or "I was seen and cleared to exercise" for a screen of the person whose outcome asks
    /// for it. The kind a screen asks for is at least what it needs: "seen" alone never lifts an emergency lock.
    /// </summary>
    public async Task<(ReferralConfirmation? Confirmation, ConfirmationRefusal? Refusal)> ConfirmAsync(
        Guid personId, Guid screenId, ReferralConfirmationKind kind, string? note, CancellationToken ct = default)
    {
        var disposition = await db.JudgedScreens.AsNoTracking()
            .Where(s => s.PersonId == personId && s.Id == screenId)
            .Select(s => (Disposition?)s.Disposition)
            .SingleOrDefaultAsync(ct);
        if (disposition is null)
        {
            return (null, ConfirmationRefusal.NoSuchScreen);
        }
        if (RoutineGate.ConfirmationNeeded(disposition.Value) is null)
        {
            return (null, ConfirmationRefusal.NotNeeded);
        }

        var confirmation = new ReferralConfirmation
        {
            PersonId = personId,
            ScreenId = screenId,
            ConfirmedAt = StoredTime.Now(time),
            Kind = kind,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        };
        db.ReferralConfirmations.Add(confirmation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return (confirmation, null);
    }

    /// <summary>The age given in the person's latest screen; null when they have none.</summary>
    public Task<int?> LatestAgeAsync(Guid personId, CancellationToken ct = default) =>
        db.JudgedScreens.AsNoTracking()
            .Where(s => s.PersonId == personId)
            .OrderByDescending(s => s.TakenAt)
            .Select(s => (int?)s.Age)
            .FirstOrDefaultAsync(ct);

    /// <summary>When the person last answered a screen of this kind; null when never.</summary>
    public Task<DateTimeOffset?> LatestTakenAsync(Guid personId, ScreenKind kind, CancellationToken ct = default) =>
        db.JudgedScreens.AsNoTracking()
            .Where(s => s.PersonId == personId && s.Kind == kind)
            .OrderByDescending(s => s.TakenAt)
            .Select(s => (DateTimeOffset?)s.TakenAt)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The latest stored screen as a complete screen, to ask the emergency items again on top of it
    /// (<see cref="WarningSignScreen.Recheck"/>); null when there is none, or when it no longer answers every item of
    /// today's rules (then the full screen is needed).
    /// </summary>
    public async Task<CompleteScreen?> LatestCompleteAsync(Guid personId, CancellationToken ct = default)
    {
        var latest = await db.JudgedScreens.AsNoTracking()
            .Include(s => s.Answers)
            .Where(s => s.PersonId == personId)
            .OrderByDescending(s => s.TakenAt)
            .FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return null;
        }
        var answers = latest.Answers.ToDictionary(a => a.ItemId, a => AnswerWord(a.Answer), StringComparer.Ordinal);
        return WarningSignScreen.Validate(latest.Age, latest.FirstEpisode, answers).Screen;
    }

    /// <summary>Whether routines may run now, from every screen of the person (see <see cref="RoutineGate"/>).</summary>
    public async Task<RoutineGateState> GateAsync(Guid personId, CancellationToken ct = default)
    {
        var screens = await db.JudgedScreens.AsNoTracking()
            .Where(s => s.PersonId == personId)
            .Select(s => new { s.Id, s.TakenAt, s.Disposition, s.Kind })
            .ToListAsync(ct);
        var confirmed = await db.ReferralConfirmations.AsNoTracking()
            .Where(c => c.PersonId == personId)
            .Select(c => new { c.ScreenId, c.Kind })
            .ToListAsync(ct);
        var strongest = confirmed.GroupBy(c => c.ScreenId).ToDictionary(g => g.Key, g => g.Max(c => c.Kind));

        // A weekly recheck carries the other answers over from the screen it rechecked, and that screen already holds
        // routines back until its own outcome is confirmed. So a recheck gates on its fresh emergency answers alone:
        // otherwise an urgent answer given (and confirmed) weeks ago would pause routines again every week.
        var recheckIds = screens.Where(s => s.Kind == ScreenKind.EmergencyRecheck).Select(s => s.Id).ToList();
        var emergencyIds = WarningSignScreen.EmergencyItems.Select(i => i.Id).ToList();
        var fresh = recheckIds.Count == 0 ? [] : (await db.ScreenAnswers.AsNoTracking()
            .Where(a => a.PersonId == personId && recheckIds.Contains(a.ScreenId) && emergencyIds.Contains(a.ItemId))
            .Select(a => new { a.ScreenId, a.Answer })
            .ToListAsync(ct))
            .GroupBy(a => a.ScreenId)
            .ToDictionary(g => g.Key, g => WarningSignScreen.EmergencyRecheckDisposition(g.Select(a => a.Answer)));

        // A report during a session that raised `routine` by itself (sharp pain twice in 7 days, new numbness in one leg)
        // counts like a screen that gave `routine`: gentle options first, until a later screen says otherwise.
        var stops = await db.SessionStops.AsNoTracking()
            .Where(s => s.PersonId == personId && s.Raises != Disposition.None)
            .Select(s => new { s.Id, s.At, s.Raises, s.RuleId, s.Symptom })
            .ToListAsync(ct);

        var entries = screens
            .Select(s => (s.Id, At: s.TakenAt, Recheck: s.Kind == ScreenKind.EmergencyRecheck,
                Disposition: s.Kind == ScreenKind.EmergencyRecheck ? fresh.GetValueOrDefault(s.Id, Disposition.None) : s.Disposition,
                Confirmed: strongest.TryGetValue(s.Id, out var kind) ? kind : (ReferralConfirmationKind?)null))
            .Concat(screens.Count == 0 ? [] : stops.Select(s => (s.Id, s.At, Recheck: false, Disposition: s.Raises, Confirmed: (ReferralConfirmationKind?)null)))
            .OrderBy(e => e.At)
            .ToList();
        // The rules only escalate: a weekly recheck asks the emergency items alone, so it cannot say the reasons for
        // `routine` have gone. It keeps "gentle options first" from the screen or report before it, until a full screen.
        var carried = Disposition.None;
        var gated = new List<GatedScreen>(entries.Count);
        foreach (var e in entries)
        {
            gated.Add(new GatedScreen(e.Id, e.At, e.Recheck && carried > e.Disposition ? carried : e.Disposition, e.Confirmed));
            if (!e.Recheck)
            {
                carried = e.Disposition >= Disposition.Routine ? Disposition.Routine : Disposition.None;
            }
        }
        var gate = RoutineGate.Evaluate(gated);
        // When the latest word is a report from a session, say so: the advice came from it, not from the answers.
        if (gate.Access == RoutineAccess.GentleOptionsFirst && stops.MaxBy(s => s.At) is { } stop
            && screens.Where(s => s.Kind == ScreenKind.Full).All(s => s.TakenAt < stop.At))
        {
            gate = gate with
            {
                RuleId = stop.RuleId,
                Reason = $"You reported {StopRules.Reported(stop.Symptom)} during a session, so please book an appointment with a doctor "
                    + "or physiotherapist. Until your next warning-sign check, routines use only the gentle options.",
            };
        }
        return gate;
    }

    private static string? AnswerWord(Answer answer) => answer switch
    {
        Answer.Yes => "yes",
        Answer.No => "no",
        Answer.Unsure => "unsure",
    };

    private static List<ScreenReason> ReadReasons(string json) =>
        JsonSerializer.Deserialize<List<ScreenReason>>(json, ReasonJson) ?? [];
}
