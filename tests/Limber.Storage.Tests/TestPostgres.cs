namespace Limber.Storage.Tests;

/// <summary>
/// The PostgreSQL server the tests use. ./test.sh starts a throwaway one and sets
/// LIMBER_TEST_POSTGRES; without it the PostgreSQL cases fail, so a run that silently
/// tested only SQLite cannot pass for a full one.
/// </summary>
public static class TestPostgres
{
    public const string ConnectionStringVariable = "LIMBER_TEST_POSTGRES";
    public const string AllowMissingVariable = "LIMBER_TEST_ALLOW_NO_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException(
                $"{ConnectionStringVariable} is not set, so the PostgreSQL cases cannot run. "
                + "Run ./test.sh from the repository root: it starts a throwaway PostgreSQL and sets it. "
                + $"Or set {ConnectionStringVariable} to a server you own, e.g. "
                + "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres "
                + $"(each test class creates and drops its own database there). "
                + $"To skip the PostgreSQL cases instead, set {AllowMissingVariable}=1.");

    /// <summary>Why the PostgreSQL cases are skipped, or null when they run (or fail for want of a server).</summary>
    public static string? SkipReason =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ConnectionStringVariable))
        && Environment.GetEnvironmentVariable(AllowMissingVariable) == "1"
            ? $"{ConnectionStringVariable} is not set and {AllowMissingVariable}=1; run ./test.sh to include PostgreSQL."
            : null;
}

/// <summary>
/// The PostgreSQL row of a theory that runs on both providers: put it beside
/// <c>[InlineData(DatabaseProvider.Sqlite)]</c>. Skipped only when LIMBER_TEST_ALLOW_NO_POSTGRES=1 and no server is set.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : Xunit.Sdk.DataAttribute
{
    public PostgresDataAttribute() => Skip = TestPostgres.SkipReason;

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) =>
        [[DatabaseProvider.Postgres]];
}
