using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Limber.Storage;

// Used only by `dotnet ef` (see README.md), so migrations are made without the web host.
// Adding a migration never connects; a connection string passed after `--` is used by
// commands that do, such as `dotnet ef database update`.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLimberDbContext>
{
    public SqliteLimberDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<SqliteLimberDbContext>(DatabaseProvider.Sqlite, args, "Data Source=limber-design-time.db"));
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLimberDbContext>
{
    public PostgresLimberDbContext CreateDbContext(string[] args) =>
        new(DesignTime.Options<PostgresLimberDbContext>(DatabaseProvider.Postgres, args, "Host=localhost;Database=limber"));
}

internal static class DesignTime
{
    public static DbContextOptions<TContext> Options<TContext>(DatabaseProvider provider, string[] args, string fallback)
        where TContext : DbContext
    {
        var settings = new DatabaseSettings(provider, args is [var connectionString, ..] ? connectionString : fallback);
        var options = new DbContextOptionsBuilder<TContext>();
        settings.ConfigureModelBuilt(options);
        return options.Options;
    }
}
