using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>
/// The one model of Limber's stored data. Each provider has its own subclass only so that
/// each keeps its own migrations; the model itself is defined here, once.
/// </summary>
public abstract class LimberDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>Data-protection keys, shared by every web node on the same database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}

/// <summary>The model on SQLite; its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteLimberDbContext(DbContextOptions<SqliteLimberDbContext> options) : LimberDbContext(options);

/// <summary>The model on PostgreSQL; its migrations live in Migrations/Postgres.</summary>
public sealed class PostgresLimberDbContext(DbContextOptions<PostgresLimberDbContext> options) : LimberDbContext(options);
