using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>
/// The dispatcher's side of <see cref="DueReminder"/>: plan further ahead as time passes, claim what is due, and mark
/// it done. Claims are leases: a row is taken by one app instance with a conditional update (on PostgreSQL the
/// second of two racing updates re-reads the row and finds it taken), and an instance that dies mid-send loses its
/// claim when the lease runs out, so another one picks the row up.
/// </summary>
public sealed class DueReminderRecords(LimberDbContext db, TimeProvider time)
{
    /// <summary>Plans further when less than this is planned ahead.</summary>
    public static readonly TimeSpan LowWater = TimeSpan.FromDays(1);

    /// <summary>
    /// Plans the next stretch for people whose planned reminders run out within a day. Each person's stretch is taken
    /// by moving their <see cref="ReminderSchedule.PlannedUntil"/> conditionally, so two instances never plan the same
    /// stretch twice. Answers how many people were planned.
    /// </summary>
    public async Task<int> TopUpAsync(Func<string, TimeZoneInfo?> zones, int batch, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var now = StoredTime.Now(time);
        var low = now + LowWater;
        var rows = await db.ReminderSchedules.AsNoTracking()
            .Where(r => r.PlannedUntil < low)
            .OrderBy(r => r.PlannedUntil)
            .Take(batch)
            .ToListAsync(ct);
        var planned = 0;
        foreach (var row in rows)
        {
            var until = now + ReminderRecords.Horizon;
            // Never plan more than a day into the past: after a long outage those reminders are long stale.
            var from = row.PlannedUntil < now - TimeSpan.FromDays(1) ? now - TimeSpan.FromDays(1) : row.PlannedUntil;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var taken = await db.ReminderSchedules
                .Where(r => r.Id == row.Id && r.PlannedUntil == row.PlannedUntil)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.PlannedUntil, until), ct);
            if (taken == 1 && zones(row.TimeZoneId) is { } zone)
            {
                await ReminderRecords.AddPlannedAsync(db, row.PersonId, row.ToSettings(zone), from, until, ct);
                await db.SaveChangesAsync(ct);
                planned++;
            }
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
        return planned;
    }

    /// <summary>
    /// Claims up to <paramref name="batch"/> reminders that are due (or whose last claim ran out) for
    /// <paramref name="lease"/>. The rows answered are this caller's alone until then.
    /// </summary>
    public async Task<IReadOnlyList<DueReminder>> ClaimAsync(TimeSpan lease, int batch, CancellationToken ct = default)
    {
        // Another instance may claim the same candidates between the read and the update; then read the next ones.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var now = StoredTime.Now(time);
            var candidates = await db.DueReminders.AsNoTracking()
                .Where(r => (r.State == DueState.Pending && r.AttemptAfter <= now) || (r.State == DueState.Sending && r.LeaseUntil < now))
                .OrderBy(r => r.AttemptAfter)
                .Select(r => r.Id)
                .Take(batch)
                .ToListAsync(ct);
            if (candidates.Count == 0)
            {
                return [];
            }
            var token = Guid.NewGuid();
            var until = now + lease;
            // The same condition again: on PostgreSQL a row another instance is claiming is waited for and then re-read,
            // so it is claimed by one of the two only.
            var claimed = await db.DueReminders
                .Where(r => candidates.Contains(r.Id)
                    && ((r.State == DueState.Pending && r.AttemptAfter <= now) || (r.State == DueState.Sending && r.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.State, DueState.Sending)
                    .SetProperty(r => r.ClaimToken, token)
                    .SetProperty(r => r.LeaseUntil, until)
                    .SetProperty(r => r.Attempts, r => r.Attempts + 1), ct);
            if (claimed > 0)
            {
                return await db.DueReminders.AsNoTracking().Where(r => r.ClaimToken == token).OrderBy(r => r.DueAt).ToListAsync(ct);
            }
        }
        return [];
    }

    /// <summary>
    /// Marks a claimed reminder done. False when the claim was lost (its lease ran out and another instance took it),
    /// in which case nothing is written.
    /// </summary>
    public Task<bool> FinishAsync(DueReminder claimed, DueState state, string outcome, IReadOnlyCollection<string> deliveredTo, CancellationToken ct = default) =>
        UpdateClaimedAsync(claimed, row =>
        {
            row.State = state;
            row.DoneAt = StoredTime.Now(time);
            row.Outcome = outcome;
            row.DeliveredTo = [.. deliveredTo];
        }, ct);

    /// <summary>Puts a claimed reminder back to be tried again after <paramref name="after"/>. False when the claim was lost.</summary>
    public Task<bool> RetryAsync(DueReminder claimed, DateTimeOffset after, string outcome, IReadOnlyCollection<string> deliveredTo, CancellationToken ct = default) =>
        UpdateClaimedAsync(claimed, row =>
        {
            row.State = DueState.Pending;
            row.AttemptAfter = StoredTime.Normalize(after);
            row.Outcome = outcome;
            row.DeliveredTo = [.. deliveredTo];
        }, ct);

    /// <summary>Forgets reminders that were done before <paramref name="before"/>: a log of the recent past is enough.</summary>
    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct = default) =>
        db.DueReminders.Where(r => r.DoneAt != null && r.DueAt < before).ExecuteDeleteAsync(ct);

    private async Task<bool> UpdateClaimedAsync(DueReminder claimed, Action<DueReminder> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        try
        {
            var row = await db.DueReminders.SingleOrDefaultAsync(
                r => r.Id == claimed.Id && r.ClaimToken == claimed.ClaimToken && r.State == DueState.Sending, ct);
            if (row is null)
            {
                return false;
            }
            change(row);
            row.ClaimToken = null;
            row.LeaseUntil = null;
            // ClaimToken is a concurrency token: the update applies only if no one re-claimed the row since the read.
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
