using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>
/// Identity's store for people, with the lookup by id every signed-in request makes (the security-stamp check, so
/// that signing out everywhere takes effect at once on every node) as a compiled query: no expression tree to take
/// apart per request. The person is tracked as before, so the rest of the request reads them without a query.
/// </summary>
public sealed class PersonStore(LimberDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<Person, IdentityRole<Guid>, LimberDbContext, Guid>(context, describer)
{
    // One per provider's context type: a compiled query keeps the model of the first context it runs on.
    private static readonly ConcurrentDictionary<Type, Func<LimberDbContext, Guid, CancellationToken, Task<Person?>>> ById = new();

    public override Task<Person?> FindByIdAsync(string userId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        var find = ById.GetOrAdd(Context.GetType(), static _ =>
            EF.CompileAsyncQuery((LimberDbContext db, Guid id, CancellationToken ct) => db.Users.FirstOrDefault(p => p.Id == id)));
        return find(Context, ConvertIdFromString(userId), cancellationToken);
    }
}
