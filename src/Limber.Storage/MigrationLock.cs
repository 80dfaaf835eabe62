using System.Data.Common;
using System.Runtime.CompilerServices;
using Npgsql;

namespace Limber.Storage;

/// <summary>
/// Makes "every node migrates at start" safe on PostgreSQL. EF Core's own migration lock there
/// is a table lock that ends with each transaction, and each migration commits on its own, while
/// the list of migrations to apply is read once at the start: a second node can take the lock
/// between two migrations, apply the next one, and the first node then applies it again and
/// fails ("relation already exists"). A session-level advisory lock held on a connection of its
/// own, around the whole run, closes that gap; it is released when the connection closes, even
/// if the process dies. SQLite needs nothing: EF Core's lock there spans the whole run.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    // Any fixed 64-bit number, the same on every node: "LimberMG" in ASCII.
    private const long Key = 0x4C696D6265724D47;

    // Typed as any connection: on SQLite, PostgreSQL's driver is never loaded (see DatabaseSettings).
    private readonly DbConnection? _connection;

    private MigrationLock(DbConnection? connection) => _connection = connection;

    public static Task<MigrationLock> AcquireAsync(DatabaseSettings settings, CancellationToken ct) =>
        settings.Provider != DatabaseProvider.Postgres ? Task.FromResult(new MigrationLock(null)) : AcquirePostgresAsync(settings, ct);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<MigrationLock> AcquirePostgresAsync(DatabaseSettings settings, CancellationToken ct)
    {
        // A connection outside the pool: closing it ends the session, and with it the lock, whatever happens.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults(settings.ConnectionString)) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            // Waits for as long as another node is migrating; only the caller's token ends the wait.
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return new MigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            // Closing the session releases the lock; unlocking first returns it without waiting for the pool.
            await using (var command = _connection.CreateCommand())
            {
                command.CommandText = "SELECT pg_advisory_unlock(@key)";
                var key = command.CreateParameter();
                key.ParameterName = "key";
                key.Value = Key;
                command.Parameters.Add(key);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
