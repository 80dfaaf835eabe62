using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>
/// A person's <see cref="Person.DataStamp"/>: what was planned from their data holds while it is unchanged. Also the
/// check every signed-in request makes (is the account still there, with the security stamp the sign-in carries?),
/// because it reads the same row: one small query gives both.
/// </summary>
public sealed class DataStamps(LimberDbContext db, SqliteStampReader? sqlite = null)
{
    // One per provider's context type: a compiled query keeps the model of the first context it runs on.
    private static readonly ConcurrentDictionary<Type, Func<LimberDbContext, Guid, CancellationToken, Task<StampRow?>>> Stamps = new();

    // The stamp the sign-in check read for this request, good until this context saves a change to someone's data.
    private (Guid Person, long Stamp, long Saves)? read;

    /// <summary>
    /// The person's data stamp when the account exists and its security stamp is <paramref name="securityStamp"/>
    /// (Identity's own test: equal, both may be null); null otherwise, for a deleted account or one signed out
    /// everywhere since. On a SQLite file the read goes through <see cref="SqliteStampReader"/> (not inside a
    /// transaction of this context, whose uncommitted changes only its own connection sees).
    /// </summary>
    public async Task<long?> SignedInAsync(Guid personId, string? securityStamp, CancellationToken ct = default)
    {
        StampRow? row;
        if (sqlite is not null && db.Database.CurrentTransaction is null)
        {
            row = sqlite.Read(db, personId) is { } read ? new StampRow(read.SecurityStamp, read.DataStamp) : null;
        }
        else
        {
            var find = Stamps.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery((LimberDbContext c, Guid id, CancellationToken t) =>
                c.Users.AsNoTracking().Where(p => p.Id == id).Select(p => new StampRow(p.SecurityStamp, p.DataStamp)).FirstOrDefault()));
            row = await find(db, personId, ct).ConfigureAwait(false);
        }
        if (row is null || row.SecurityStamp != securityStamp)
        {
            return null;
        }
        read = (personId, row.DataStamp, db.StampingSaves);
        return row.DataStamp;
    }

    /// <summary>
    /// The stamp, or null when there is no such person. No query when this request's sign-in check read it and no
    /// change was saved since, or when the request holds the person; so reading it costs nothing where plans are made.
    /// </summary>
    public async Task<long?> CurrentAsync(Guid personId, CancellationToken ct = default)
    {
        if (read is { } known && known.Person == personId && known.Saves == db.StampingSaves)
        {
            return known.Stamp;
        }
        if (db.Users.Local.FindEntry(personId) is { } held)
        {
            return held.Entity.DataStamp;
        }
        return await db.Users.AsNoTracking().Where(p => p.Id == personId).Select(p => (long?)p.DataStamp).FirstOrDefaultAsync(ct).ConfigureAwait(false);
    }

    private sealed record StampRow(string? SecurityStamp, long DataStamp);
}
