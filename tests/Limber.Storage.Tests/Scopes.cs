using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

internal static class Scopes
{
    /// <summary>The scope's context: a fresh one per scope, so reads see the database, not a cache.</summary>
    public static LimberDbContext Db(this AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<LimberDbContext>();

    /// <summary>An account with nothing else, saved in a scope of its own on <paramref name="node"/>; answers its id.</summary>
    public static async Task<Guid> SavedPersonAsync(this IServiceProvider node)
    {
        await using var scope = node.CreateAsyncScope();
        var id = Guid.NewGuid();
        scope.Db().Users.Add(new Person { Id = id, UserName = $"p{id:N}", Email = $"p{id:N}@example.test", CreatedAt = Samples.Now });
        await scope.Db().SaveChangesAsync();
        return id;
    }
}
