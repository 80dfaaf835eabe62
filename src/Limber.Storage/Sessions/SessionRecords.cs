using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>How one exercise of a session went, as the person (or the player) reports it.</summary>
/// <param name="Feedback">tooEasy, aboutRight, tooHard or hurt (safety.md section 5); null when not given.</param>
public sealed record NewExerciseLog(string ExerciseId, bool Completed, int? WorstPain, string? Feedback);

/// <summary>A session to store, already validated by the caller.</summary>
public sealed record NewSession(
    DateOnly Date,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int? PainBefore,
    int? WorstPain,
    IReadOnlyList<NewExerciseLog> Exercises);

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

    /// <summary>The session stored under the key, with its exercises in the order given; null when there is none.</summary>
    public Task<Session?> FindAsync(Guid personId, string key, CancellationToken ct = default) =>
        db.Sessions.AsNoTracking()
            .Include(s => s.Exercises)
            .SingleOrDefaultAsync(s => s.PersonId == personId && s.ClientSessionId == key, ct);

    /// <summary>The person's sessions dated from <paramref name="from"/> to <paramref name="to"/> (inclusive), oldest first.</summary>
    public async Task<IReadOnlyList<Session>> ListAsync(Guid personId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        [
            .. (await db.Sessions.AsNoTracking().AsSplitQuery()
                .Include(s => s.Exercises)
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
