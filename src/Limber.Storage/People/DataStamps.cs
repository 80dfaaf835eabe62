using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>A person's <see cref="Person.DataStamp"/>: what was planned from their data holds while it is unchanged.</summary>
public sealed class DataStamps(LimberDbContext db)
{
    /// <summary>
    /// The stamp, or null when there is no such person. No query when this request already holds the person (the
    /// sign-in check loads them), so reading it costs nothing on the pages and endpoints that plan.
    /// </summary>
    public async Task<long?> CurrentAsync(Guid personId, CancellationToken ct = default)
    {
        if (db.Users.Local.FindEntry(personId) is { } held)
        {
            return held.Entity.DataStamp;
        }
        return await db.Users.AsNoTracking().Where(p => p.Id == personId).Select(p => (long?)p.DataStamp).FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }
}
