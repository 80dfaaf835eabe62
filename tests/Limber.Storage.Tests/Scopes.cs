using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

internal static class Scopes
{
    /// <summary>The scope's context: a fresh one per scope, so reads see the database, not a cache.</summary>
    public static LimberDbContext Db(this AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<LimberDbContext>();
}
