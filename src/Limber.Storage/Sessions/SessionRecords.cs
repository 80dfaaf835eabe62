using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>How one exercise of a session went, as the person (or the player) reports it.</summary>
/// <param name="Feedback">tooEasy, aboutRight, tooHard or hurt (safety.md section 5); null when not given.</param>
public sealed record NewExerciseLog(string ExerciseId, bool Completed, int? WorstPain, string? Feedback);

/// <summary>A report made during a session ("this hurts"); the stop rules decide what it means when it is stored.</summary>
/// <param name="PainScore">0-10, required for <see cref="SessionSymptom.PainDuringExercise"/>.</param>
public sealed record NewSessionStop(string? ExerciseId, SessionSymptom Symptom, int? PainScore, DateTimeOffset At);

/// <summary>A session to store, already validated by the caller.</summary>
public sealed record NewSession(
    DateOnly Date,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int? PainBefore,
    int? WorstPain,
    IReadOnlyList<NewExerciseLog> Exercises,
    IReadOnlyList<NewSessionStop>? Stops = null);

/// <summary>What storing a session did. A closed set.</summary>
public enum SessionStoreOutcome
{
    /// <summary>Stored now.</summary>
    Created,

    /// <summary>The same session was stored before under the same key: nothing new was written.</summary>
    AlreadyStored,

    /// <summary>The key was used before for a different session: nothing was written.</summary>
    KeyReused,
}

/// <summary>The outcome and the session stored under the key (null only for <see cref="SessionStoreOutcome.KeyReused"/>).</summary>
public sealed record SessionStoreResult(SessionStoreOutcome Outcome, Session? Session);

/// <summary>
/// The sessions a person did, stored once per idempotency key: a phone that sends a session again after losing
/// its connection stores it once. Storing a session also updates the person's current doses, in the same transaction.
/// </summary>
public sealed class SessionRecords(LimberDbContext db, DoseRecords doses)
{
    /// <summary>Longest idempotency key accepted.</summary>
    public const int KeyLength = 64;

    public async Task<SessionStoreResult> StoreAsync(Guid personId, string key, NewSession session, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(session);
        if (await FindAsync(personId, key, ct) is { } earlier)
        {
            return Replay(earlier, session);
        }

        var stored = new Session
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            ClientSessionId = key,
            Date = session.Date,
            StartedAt = StoredTime.Normalize(session.StartedAt),
            FinishedAt = session.FinishedAt is { } finished ? StoredTime.Normalize(finished) : null,
            PainBefore = session.PainBefore,
            WorstPain = session.WorstPain,
        };
        foreach (var log in session.Exercises)
        {
            stored.Exercises.Add(new ExerciseLog
            {
                Id = Guid.NewGuid(),
                PersonId = personId,
                SessionId = stored.Id,
                ExerciseId = log.ExerciseId,
                Completed = log.Completed,
                WorstPain = log.WorstPain,
                Feedback = log.Feedback,
            });
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await DecideStopsAsync(stored, session.Stops ?? [], ct);
            db.Sessions.Add(stored);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await doses.RecomputeAsync(personId, ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // Another request stored the same key first (the unique index said so): answer what it stored.
            db.ChangeTracker.Clear();
            if (await FindAsync(personId, key, ct) is { } winner)
            {
                return Replay(winner, session);
            }
            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return new SessionStoreResult(SessionStoreOutcome.Created, await FindAsync(personId, key, ct));
    }

    /// <summary>
    /// Each report decided by the stop rules (safety.md section 4), in the order made. A sharp pain counts the sharp
    /// pains reported in the 7 days before it, stored or earlier in this session, so the second gives `routine`.
    /// </summary>
    private async Task DecideStopsAsync(Session stored, IReadOnlyList<NewSessionStop> stops, CancellationToken ct)
    {
        var sharp = stops.Any(s => s.Symptom == SessionSymptom.SharpPain)
            ? await SharpPainsSinceAsync(stored.PersonId, stops.Min(s => s.At).AddDays(-StopRules.SharpPainWindowDays), ct)
            : [];
        foreach (var stop in stops.OrderBy(s => s.At))
        {
            var at = StoredTime.Normalize(stop.At);
            var earlierSharp = sharp.Count(t => t < at && t >= at.AddDays(-StopRules.SharpPainWindowDays));
            var decision = StopRules.Decide(new SessionReport(stop.Symptom, stop.PainScore, earlierSharp));
            stored.Stops.Add(new SessionStop
            {
                Id = Guid.NewGuid(),
                PersonId = stored.PersonId,
                SessionId = stored.Id,
                ExerciseId = stop.ExerciseId,
                Symptom = stop.Symptom,
                PainScore = stop.Symptom == SessionSymptom.PainDuringExercise ? stop.PainScore : null,
                At = at,
                RuleId = decision.RuleId,
                Action = decision.Action,
                Raises = decision.Raises,
            });
            if (stop.Symptom == SessionSymptom.SharpPain)
            {
                sharp.Add(at);
            }
        }
    }

    private async Task<List<DateTimeOffset>> SharpPainsSinceAsync(Guid personId, DateTimeOffset since, CancellationToken ct) =>
        (await db.SessionStops.AsNoTracking()
            .Where(s => s.PersonId == personId && s.Symptom == SessionSymptom.SharpPain)
            .Select(s => s.At)
            .ToListAsync(ct))
            .Where(at => at >= since)
            .ToList();

    /// <summary>How many sharp pains the person reported in the 7 days before <paramref name="at"/>: the player says what the next one means.</summary>
    public async Task<int> SharpPainsBeforeAsync(Guid personId, DateTimeOffset at, CancellationToken ct = default) =>
        (await SharpPainsSinceAsync(personId, at.AddDays(-StopRules.SharpPainWindowDays), ct)).Count(t => t < at);

    /// <summary>When the person last made a report during a session that the stop rules answered with <paramref name="action"/>; null when never.</summary>
    public Task<DateTimeOffset?> LatestStopAsync(Guid personId, StopAction action, CancellationToken ct = default) =>
        db.SessionStops.AsNoTracking()
            .Where(s => s.PersonId == personId && s.Action == action)
            .OrderByDescending(s => s.At)
            .Select(s => (DateTimeOffset?)s.At)
            .FirstOrDefaultAsync(ct);

    /// <summary>The date of each session the person did from <paramref name="from"/> to <paramref name="to"/>, one entry per session.</summary>
    public async Task<IReadOnlyList<DateOnly>> DatesAsync(Guid personId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        await db.Sessions.AsNoTracking()
            .Where(s => s.PersonId == personId && s.Date >= from && s.Date <= to)
            .Select(s => s.Date)
            .ToListAsync(ct);

    /// <summary>The person's reports made during sessions, oldest first.</summary>
    public async Task<IReadOnlyList<SessionStop>> StopsAsync(Guid personId, CancellationToken ct = default) =>
        [.. (await db.SessionStops.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync(ct)).OrderBy(s => s.At).ThenBy(s => s.Id)];

    /// <summary>The session stored under the key, with its exercises in the order given; null when there is none.</summary>
    public Task<Session?> FindAsync(Guid personId, string key, CancellationToken ct = default) =>
        db.Sessions.AsNoTracking()
            .Include(s => s.Exercises)
            .Include(s => s.Stops)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.PersonId == personId && s.ClientSessionId == key, ct);

    /// <summary>The person's sessions dated from <paramref name="from"/> to <paramref name="to"/> (inclusive), oldest first.</summary>
    public async Task<IReadOnlyList<Session>> ListAsync(Guid personId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        [
            .. (await db.Sessions.AsNoTracking().AsSplitQuery()
                .Include(s => s.Exercises)
                .Include(s => s.Stops)
                .Where(s => s.PersonId == personId && s.Date >= from && s.Date <= to)
                .ToListAsync(ct))
                .OrderBy(s => s.Date).ThenBy(s => s.StartedAt).ThenBy(s => s.Id),
        ];

    private static SessionStoreResult Replay(Session earlier, NewSession session) =>
        Same(earlier, session)
            ? new SessionStoreResult(SessionStoreOutcome.AlreadyStored, earlier)
            : new SessionStoreResult(SessionStoreOutcome.KeyReused, null);

    /// <summary>Whether a stored session is the one being sent again: same day, times, pains and exercises.</summary>
    private static bool Same(Session earlier, NewSession session)
    {
        if (earlier.Date != session.Date
            || earlier.StartedAt != StoredTime.Normalize(session.StartedAt)
            || earlier.FinishedAt != (session.FinishedAt is { } f ? StoredTime.Normalize(f) : null)
            || earlier.PainBefore != session.PainBefore
            || earlier.WorstPain != session.WorstPain
            || earlier.Exercises.Count != session.Exercises.Count)
        {
            return false;
        }
        var storedStops = earlier.Stops.Select(s => (s.ExerciseId, s.Symptom, s.PainScore, s.At)).Order();
        var sentStops = (session.Stops ?? [])
            .Select(s => (s.ExerciseId, s.Symptom, s.Symptom == SessionSymptom.PainDuringExercise ? s.PainScore : null, StoredTime.Normalize(s.At))).Order();
        if (!storedStops.SequenceEqual(sentStops))
        {
            return false;
        }
        var stored = earlier.Exercises
            .Select(e => new NewExerciseLog(e.ExerciseId, e.Completed, e.WorstPain, e.Feedback))
            .OrderBy(e => e.ExerciseId, StringComparer.Ordinal).ThenBy(e => e.Feedback, StringComparer.Ordinal).ThenBy(e => e.WorstPain)
            .ThenBy(e => e.Completed);
        var sent = session.Exercises
            .OrderBy(e => e.ExerciseId, StringComparer.Ordinal).ThenBy(e => e.Feedback, StringComparer.Ordinal).ThenBy(e => e.WorstPain)
            .ThenBy(e => e.Completed);
        return stored.SequenceEqual(sent);
    }
}
