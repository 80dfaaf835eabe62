using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>
/// Consents as the person gives and withdraws them, each with an audit event that holds no health data.
/// Each change is one transaction: the consent row and its audit event are written together or not at all.
/// </summary>
public sealed class ConsentRecords(LimberDbContext db, TimeProvider time)
{
    /// <summary>The consent in force for <paramref name="purpose"/>, or null.</summary>
    public Task<Consent?> CurrentAsync(Guid personId, string purpose, CancellationToken ct = default) =>
        db.Consents.AsNoTracking()
            .Where(c => c.PersonId == personId && c.Purpose == purpose && c.WithdrawnAt == null)
            .OrderByDescending(c => c.GivenAt)
            .FirstOrDefaultAsync(ct);

    /// <summary>Every consent of the person, newest first: the history the settings page shows.</summary>
    public Task<List<Consent>> HistoryAsync(Guid personId, CancellationToken ct = default) =>
        db.Consents.AsNoTracking().Where(c => c.PersonId == personId)
            .OrderByDescending(c => c.GivenAt).ThenBy(c => c.Id).ToListAsync(ct);

    /// <summary>
    /// Records the consent to <paramref name="version"/> of the wording. Giving it again while it is in force
    /// to the same version changes nothing and answers the consent in force; to a new version, the old one is
    /// closed and a new row opened.
    /// </summary>
    public async Task<Consent> GiveAsync(Guid personId, string purpose, string version, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var inForce = await db.Consents
                .Where(c => c.PersonId == personId && c.Purpose == purpose && c.WithdrawnAt == null)
                .ToListAsync(ct);
            if (inForce.SingleOrDefault(c => c.Version == version) is { } same && inForce.Count == 1)
            {
                return same;
            }

            var now = StoredTime.Now(time);
            foreach (var old in inForce)
            {
                old.WithdrawnAt = now;
            }

            var consent = new Consent { PersonId = personId, Purpose = purpose, Version = version, GivenAt = now };
            db.Consents.Add(consent);
            db.AuditEvents.Add(AuditEvent.ForPerson(personId, now, AuditEvent.ConsentGiven, $"consent:{purpose}:{version}"));
            await SaveAsync(transaction, ct);
            return consent;
        }, ct);
    }

    /// <summary>Withdraws the consent in force; false when none was.</summary>
    public Task<bool> WithdrawAsync(Guid personId, string purpose, CancellationToken ct = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var inForce = await db.Consents
                .Where(c => c.PersonId == personId && c.Purpose == purpose && c.WithdrawnAt == null)
                .ToListAsync(ct);
            if (inForce.Count == 0)
            {
                return false;
            }

            var now = StoredTime.Now(time);
            foreach (var consent in inForce)
            {
                consent.WithdrawnAt = now;
                db.AuditEvents.Add(AuditEvent.ForPerson(personId, now, AuditEvent.ConsentWithdrawn, $"consent:{purpose}:{consent.Version}"));
            }

            await SaveAsync(transaction, ct);
            return true;
        }, ct);

    private async Task SaveAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            // Committed or not, a later SaveChanges of this scope must not write these again.
            db.ChangeTracker.Clear();
        }
    }
}
