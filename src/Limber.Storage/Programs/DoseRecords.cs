using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>
/// The person's current dose of each exercise (safety.md section 5), stored as the items of the active program's daily
/// routine. The doses are a replay of every session's feedback and every next-morning check-in since the program
/// started (<see cref="DoseAdaptation"/>), so recomputing after each new session or check-in always gives the same
/// answer, and the stored rows are what the export and the pages show.
/// </summary>
public sealed class DoseRecords(LimberDbContext db, ExerciseCatalogue catalogue, TimeProvider time, ProgressionSettings? settings = null)
{
    /// <summary>
    /// Replays the history and stores the result; null (and nothing stored) before onboarding has started a program.
    /// Joins the caller's transaction when there is one.
    /// </summary>
    public async Task<AdaptationResult?> RecomputeAsync(Guid personId, CancellationToken ct = default)
    {
        if (await HistoryAsync(personId, ct) is not { } history)
        {
            return null;
        }
        var result = Replay(history);
        await StoreAsync(personId, history.Program, history.Today, result, ct);
        return result;
    }

    /// <summary>The adaptation as it stands today, replayed from the history without writing; null before a program.</summary>
    public async Task<AdaptationResult?> CurrentAsync(Guid personId, CancellationToken ct = default) =>
        await HistoryAsync(personId, ct) is { } history ? Replay(history) : null;

    /// <summary>The same, for a caller that has read the person's profile, active program and latest screened age already.</summary>
    public async Task<AdaptationResult> CurrentAsync(Guid personId, Profile profile, Program program, int? age, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(program);
        var history = await HistoryAsync(personId, profile, program, age, ct);
        return Replay(history);
    }

    /// <summary>
    /// The replay, with a coach's program when there is one: its doses are where each exercise starts, its limits cap
    /// progress, and its thresholds (when set) replace the deployment's for this person (safety.md section 5).
    /// </summary>
    private AdaptationResult Replay(History history) =>
        DoseAdaptation.Replay(history.Input, catalogue, history.Today, history.Coach?.Thresholds ?? settings,
            history.Coach?.Items.DistinctBy(i => i.ExerciseId, StringComparer.Ordinal).ToDictionary(i => i.ExerciseId, StringComparer.Ordinal));

    /// <summary>The thresholds that apply to the person's dose rules: their coach's when set, else the deployment's.</summary>
    public ProgressionSettings SettingsFor(CoachProgram? coach) => coach?.Thresholds ?? settings ?? ProgressionSettings.Default;

    /// <summary>The stored current doses of the active program, by exercise id; empty before any feedback.</summary>
    public async Task<IReadOnlyList<RoutineItem>> StoredAsync(Guid personId, CancellationToken ct = default)
    {
        var program = await ActiveProgramAsync(personId, ct);
        if (program is null)
        {
            return [];
        }
        return
        [
            .. (await db.RoutineItems.AsNoTracking()
                .Where(i => i.PersonId == personId
                    && db.Routines.Any(r => r.Id == i.RoutineId && r.ProgramId == program.Id && r.Kind == RoutineKind.Daily))
                .ToListAsync(ct))
                .OrderBy(i => i.ExerciseId, StringComparer.Ordinal),
        ];
    }

    private sealed record History(AdaptationInput Input, Program Program, DateOnly Today, CoachProgram? Coach);

    private Task<Program?> ActiveProgramAsync(Guid personId, CancellationToken ct) =>
        db.Programs.AsNoTracking()
            .Where(p => p.PersonId == personId && p.Status == ProgramStatus.Active)
            .OrderByDescending(p => p.StartedOn)
            .FirstOrDefaultAsync(ct);

    private async Task<History?> HistoryAsync(Guid personId, CancellationToken ct)
    {
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.PersonId == personId, ct);
        var program = await ActiveProgramAsync(personId, ct);
        if (profile is null || program is null)
        {
            return null;
        }
        var age = await db.JudgedScreens.AsNoTracking()
            .Where(s => s.PersonId == personId)
            .OrderByDescending(s => s.TakenAt)
            .Select(s => (int?)s.Age)
            .FirstOrDefaultAsync(ct);
        return await HistoryAsync(personId, profile, program, age, ct);
    }

    private async Task<History> HistoryAsync(Guid personId, Profile profile, Program program, int? age, CancellationToken ct)
    {
        var today = PersonalDate.Today(time, profile.TimeZoneId);
        var sessions = await db.Sessions.AsNoTracking().AsSplitQuery()
            .Include(s => s.Exercises)
            .Include(s => s.Stops)
            .Where(s => s.PersonId == personId && s.Date >= program.StartedOn)
            .ToListAsync(ct);
        var checkIns = await db.CheckIns.AsNoTracking()
            .Where(c => c.PersonId == personId && c.Date >= program.StartedOn)
            .Select(c => new { c.Date, c.PainNow, c.MorningStiffnessMinutes })
            .ToListAsync(ct);
        var painOn = checkIns.ToDictionary(c => c.Date, c => c.PainNow);

        var feedback = new List<ExerciseFeedbackEntry>();
        foreach (var session in sessions)
        {
            feedback.AddRange(FeedbackOf(session, painOn, profile.BaselinePain));
        }
        var input = new AdaptationInput(
            feedback,
            [.. checkIns.Select(c => new MorningCheckIn(c.Date, c.PainNow, c.MorningStiffnessMinutes))],
            program.StartedOn,
            profile.BaselinePain,
            profile.MorningStiffnessMinutes ?? 0,
            age);
        var prescribed = await db.ProgramExercises.AsNoTracking().Where(e => e.PersonId == personId && e.ProgramId == program.Id).ToListAsync(ct);
        program.Prescribed = prescribed;
        return new History(input, program, today, PrescriptionRecords.Of(program, catalogue));
    }

    /// <summary>
    /// What one session, read with its exercises and stops, gives the replay: an entry per exercise with feedback and a
    /// worst pain to judge by, and one per exercise a stop rule said to make easier. Public so that a reader of many
    /// people's recent sessions at once (the coach dashboard) judges them exactly as the replay does.
    /// </summary>
    /// <param name="session">The session, with <see cref="Session.Exercises"/> and <see cref="Session.Stops"/> read.</param>
    /// <param name="painOn">The person's check-in pain by date, for a session without a pain given before it.</param>
    /// <param name="baselinePain">The onboarding baseline, when neither is there.</param>
    public static IEnumerable<ExerciseFeedbackEntry> FeedbackOf(Session session, IReadOnlyDictionary<DateOnly, int> painOn, int baselinePain)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(painOn);
        // The session's baseline: the pain given just before it, else that day's check-in, else the onboarding baseline.
        var baseline = session.PainBefore ?? (painOn.TryGetValue(session.Date, out var p) ? p : baselinePain);
        var explained = session.Exercises.Max(l => l.WorstPain) ?? -1;
        var regress = StoppedToRegress(session);
        foreach (var (id, reported) in regress)
        {
            var own = session.Exercises.FirstOrDefault(l => l.ExerciseId == id)?.WorstPain ?? 0;
            yield return new ExerciseFeedbackEntry(id, session.Date, session.StartedAt, baseline, Math.Max(own, reported), ExerciseFeedback.Hurt);
        }
        foreach (var log in session.Exercises)
        {
            if (!regress.ContainsKey(log.ExerciseId)
                && ParseFeedback(log.Feedback) is { } said && WorstPain(log, said, session, explained, baseline) is { } worst)
            {
                yield return new ExerciseFeedbackEntry(log.ExerciseId, session.Date, session.StartedAt, baseline, worst, said);
            }
        }
    }

    /// <summary>No exercise to make easier: what a session without stops gives (most do). Never changed.</summary>
    private static readonly Dictionary<string, int> NoneStopped = new(StringComparer.Ordinal);

    /// <summary>
    /// The exercises a stop rule said to make easier next time (safety.md section 4: pain above 5 stops the set, pain
    /// spreading into a leg or new numbness in one leg stops the session, each "regress next time"). They are judged as
    /// having hurt above 5 (the pain reported, when it was a score), which is what the progression rules step back one
    /// level for two sessions on, whatever the feedback typed afterwards said.
    /// </summary>
    private static Dictionary<string, int> StoppedToRegress(Session session) =>
        session.Stops.Count == 0 ? NoneStopped : session.Stops
            .Where(s => s.ExerciseId is not null && s.Action is StopAction.StopSetRegressNextSession or StopAction.StopSessionRegressNextTime)
            .GroupBy(s => s.ExerciseId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(s => Math.Max(s.PainScore ?? 0, StopRules.StopSetAbovePain + 1)), StringComparer.Ordinal);

    /// <summary>
    /// The worst pain to judge one exercise by. Its own, when given. Otherwise, when the session's worst pain is no
    /// more than another exercise's own, that exercise explains it and this one added no pain of its own: the
    /// session's baseline. When nothing explains the session's worst pain, every exercise without its own is judged
    /// by it, the cautious reading. Null when no pain was given at all: no decision is made from that feedback.
    /// </summary>
    private static int? WorstPain(ExerciseLog log, ExerciseFeedback said, Session session, int explained, int baseline)
    {
        if (log.WorstPain is { } own)
        {
            return own;
        }
        if (session.WorstPain is not { } worst)
        {
            return null;
        }
        return said != ExerciseFeedback.Hurt && worst <= explained ? Math.Min(baseline, worst) : worst;
    }

    /// <summary>The player's words for feedback (safety.md section 5); anything else gives no decision.</summary>
    public static ExerciseFeedback? ParseFeedback(string? value) => value switch
    {
        "tooEasy" => ExerciseFeedback.TooEasy,
        "aboutRight" => ExerciseFeedback.AboutRight,
        "tooHard" => ExerciseFeedback.TooHard,
        "hurt" => ExerciseFeedback.Hurt,
        _ => null,
    };

    /// <summary>The player's word for a feedback value.</summary>
    public static string FeedbackName(ExerciseFeedback feedback) => feedback switch
    {
        ExerciseFeedback.TooEasy => "tooEasy",
        ExerciseFeedback.AboutRight => "aboutRight",
        ExerciseFeedback.TooHard => "tooHard",
        ExerciseFeedback.Hurt => "hurt",
    };

    /// <summary>Updates the daily routine's items in place by exercise: existing rows keep their order, new ones go last.</summary>
    private async Task StoreAsync(Guid personId, Program program, DateOnly today, AdaptationResult result, CancellationToken ct)
    {
        var week = Math.Clamp((today.DayNumber - program.StartedOn.DayNumber) / ProgramPlanner.DaysPerWeek + 1, 1, ProgramPlanner.Weeks);
        var stage = (int)ProgramPlanner.StageOf(week) + 1;
        var routine = await db.Routines.Include(r => r.Items)
            .SingleOrDefaultAsync(r => r.PersonId == personId && r.ProgramId == program.Id && r.Kind == RoutineKind.Daily, ct);
        if (routine is null)
        {
            routine = new Routine { Id = Guid.NewGuid(), PersonId = personId, ProgramId = program.Id, Kind = RoutineKind.Daily, Stage = stage };
            db.Routines.Add(routine);
        }
        routine.Stage = stage;

        var wanted = result.Doses.ToDictionary(d => d.ExerciseId, StringComparer.Ordinal);
        foreach (var item in routine.Items.Where(i => !wanted.ContainsKey(i.ExerciseId)).ToList())
        {
            db.RoutineItems.Remove(item);
        }
        var next = routine.Items.Count == 0 ? 0 : routine.Items.Max(i => i.Order) + 1;
        foreach (var dose in result.Doses)
        {
            var item = routine.Items.Find(i => i.ExerciseId == dose.ExerciseId);
            if (item is null)
            {
                item = new RoutineItem { Id = Guid.NewGuid(), PersonId = personId, RoutineId = routine.Id, ExerciseId = dose.ExerciseId, Order = next++ };
                // Added explicitly: an item with its key set, met only through a tracked routine's list, would be taken
                // for an existing row and updated (0 rows: a concurrency error) when the routine was stored earlier.
                db.RoutineItems.Add(item);
                routine.Items.Add(item);
            }
            item.HoldSeconds = dose.Dose.HoldSeconds;
            item.Reps = dose.Dose.Reps;
            item.Sets = dose.Dose.Sets ?? 1;
            item.PerSide = dose.Dose.PerSide;
            item.DurationSeconds = dose.Dose.DurationSeconds;
            item.RestSeconds = dose.Dose.RestSeconds;
            item.Level = dose.Level;
            item.ChangedOn = dose.ChangedOn;
            item.RuleId = dose.RuleId;
            item.Reason = dose.Reason.Length <= 1000 ? dose.Reason : dose.Reason[..1000];
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
