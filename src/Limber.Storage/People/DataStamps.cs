using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>
/// A person's <see cref="Person.DataStamp"/>: what was planned from their data holds while it is unchanged. Also the
/// check every signed-in request makes (is the account still there, with the security stamp the sign-in carries?),
/// because it reads the same row: one small query gives both.
/// </summary>
public sealed class DataStamps(LimberDbContext db, SqliteStampReader? sqlite = null, KeptStamps? kept = null)
{
    // One per provider's context type: a compiled query keeps the model of the first context it runs on.
    private static readonly ConcurrentDictionary<Type, Func<LimberDbContext, Guid, CancellationToken, Task<StampRow?>>> Stamps = new();

    // The stamp the sign-in check read for this request, good until this context saves a change to someone's data.
    private (Guid Person, long Stamp, long Saves)? read;

    /// <summary>
    /// The person's data stamp when the account exists and its security stamp is <paramref name="securityStamp"/>
    /// (Identity's own test: equal, both may be null); null otherwise, for a deleted account or one signed out
    /// everywhere since. On a SQLite file the read goes through <see cref="SqliteStampReader"/>; on PostgreSQL the
    /// stamps this node keeps (<see cref="KeptStamps"/>) answer when they hold the person with the same security stamp.
    /// Neither inside a transaction of this context, whose uncommitted changes only its own connection sees.
    /// </summary>
    public async Task<long?> SignedInAsync(Guid personId, string? securityStamp, CancellationToken ct = default)
    {
        StampRow? row;
        var outside = db.Database.CurrentTransaction is null;
        if (sqlite is not null && outside)
        {
            row = sqlite.Read(db, personId) is { } read ? new StampRow(read.SecurityStamp, read.DataStamp) : null;
        }
        else if (kept is not null && outside)
        {
            // A kept stamp that differs from the sign-in's is read again: the sign-in may be newer than the kept stamp.
            if (kept.TryGet(personId, out var keptSecurity, out var keptData) && keptSecurity == securityStamp)
            {
                row = new StampRow(keptSecurity, keptData);
            }
            else
            {
                var before = kept.Forgettings;
                row = await FindAsync(personId, ct).ConfigureAwait(false);
                if (row is not null)
                {
                    kept.Keep(personId, row.SecurityStamp, row.DataStamp, before);
                }
            }
        }
        else
        {
            row = await FindAsync(personId, ct).ConfigureAwait(false);
        }
        if (row is null || row.SecurityStamp != securityStamp)
        {
            return null;
        }
        read = (personId, row.DataStamp, db.StampingSaves);
        return row.DataStamp;
    }

    private Task<StampRow?> FindAsync(Guid personId, CancellationToken ct)
    {
        var find = Stamps.GetOrAdd(db.GetType(), static _ => EF.CompileAsyncQuery((LimberDbContext c, Guid id, CancellationToken t) =>
            c.Users.AsNoTracking().Where(p => p.Id == id).Select(p => new StampRow(p.SecurityStamp, p.DataStamp)).FirstOrDefault()));
        return find(db, personId, ct);
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
