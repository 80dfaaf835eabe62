using Npgsql;

namespace Limber.Web.Tests;

/// <summary>
/// A database of its own on the test PostgreSQL (<c>LIMBER_TEST_POSTGRES</c>, which ./test.sh starts), made for one
/// test and dropped after it. Null when there is no PostgreSQL and the run says that is allowed
/// (<c>LIMBER_TEST_ALLOW_NO_POSTGRES=1</c>); otherwise a missing server fails the test.
/// </summary>
internal sealed class ScratchPostgres : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private ScratchPostgres(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchPostgres?> CreateAsync(string prefix)
    {
        if (Environment.GetEnvironmentVariable("LIMBER_TEST_POSTGRES") is not { Length: > 0 } server)
        {
            Environment.GetEnvironmentVariable("LIMBER_TEST_ALLOW_NO_POSTGRES").ShouldBe("1",
                "LIMBER_TEST_POSTGRES is not set: run ./test.sh, which starts a throwaway PostgreSQL.");
            return null;
        }
        var database = new ScratchPostgres(server, $"{prefix}_{Guid.NewGuid():N}");
        await database.ExecuteAsync($"CREATE DATABASE \"{database._name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
