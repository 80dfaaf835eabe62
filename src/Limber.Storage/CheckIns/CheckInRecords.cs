using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>A check-in to store, already validated by the caller.</summary>
public sealed record NewCheckIn(
    DateOnly Date,
    int PainNow,
    int? Stiffness,
    int? MorningStiffnessMinutes,
    IReadOnlyList<string> WhereFelt,
    IReadOnlyList<string> WhatHelped,
    bool LegSymptoms,
    bool Numbness,
    bool BladderOrBowelChange,
    string? Note);

/// <summary>
/// The person's check-ins. A day has one check-in: checking in again the same day replaces it (the latest answer is
/// what the person means). Each write also updates the current doses, which read next-morning check-ins, in the
/// same transaction.
/// </summary>
public sealed class CheckInRecords(LimberDbContext db, DoseRecords doses, TimeProvider time)
{
    /// <summary>Stores the check-in for its date, replacing an earlier one of that date; answers it and whether it was new.</summary>
    public async Task<(CheckIn CheckIn, bool Created)> StoreAsync(Guid personId, NewCheckIn checkIn, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        try
        {
            return await StoreOnceAsync(personId, checkIn, ct);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // Two check-ins for the same day raced; the second now replaces the first.
            db.ChangeTracker.Clear();
            return await StoreOnceAsync(personId, checkIn, ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The person's check-ins dated from <paramref name="from"/> to <paramref name="to"/> (inclusive), oldest first.</summary>
    public async Task<IReadOnlyList<CheckIn>> ListAsync(Guid personId, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        [
            .. (await db.CheckIns.AsNoTracking()
                .Where(c => c.PersonId == personId && c.Date >= from && c.Date <= to)
                .ToListAsync(ct))
                .OrderBy(c => c.Date).ThenBy(c => c.RecordedAt),
        ];

    /// <summary>The most recent check-in by date, or null.</summary>
    public Task<CheckIn?> LatestAsync(Guid personId, CancellationToken ct = default) =>
        db.CheckIns.AsNoTracking()
            .Where(c => c.PersonId == personId)
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.RecordedAt)
            .FirstOrDefaultAsync(ct);

    private async Task<(CheckIn, bool)> StoreOnceAsync(Guid personId, NewCheckIn checkIn, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var row = await db.CheckIns.SingleOrDefaultAsync(c => c.PersonId == personId && c.Date == checkIn.Date, ct);
        var created = row is null;
        row ??= db.CheckIns.Add(new CheckIn { Id = Guid.NewGuid(), PersonId = personId, Date = checkIn.Date }).Entity;
        row.RecordedAt = StoredTime.Now(time);
        row.PainNow = checkIn.PainNow;
        row.Stiffness = checkIn.Stiffness;
        row.MorningStiffnessMinutes = checkIn.MorningStiffnessMinutes;
        row.WhereFelt = [.. checkIn.WhereFelt];
        row.WhatHelped = [.. checkIn.WhatHelped];
        row.LegSymptoms = checkIn.LegSymptoms;
        row.Numbness = checkIn.Numbness;
        row.BladderOrBowelChange = checkIn.BladderOrBowelChange;
        row.Note = checkIn.Note;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await doses.RecomputeAsync(personId, ct);
        await transaction.CommitAsync(ct);
        return (row, created);
    }
}
