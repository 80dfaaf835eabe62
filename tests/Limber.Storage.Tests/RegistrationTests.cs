using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

public sealed class RegistrationTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Fact]
    public void PostgreSQL_prepares_repeated_statements_and_keeps_them_unless_the_connection_string_says_otherwise()
    {
        var defaults = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSettings.WithPostgresDefaults("Host=db;Database=limber;Password=secret"));
        defaults.MaxAutoPrepare.ShouldBe(32);
        defaults.AutoPrepareMinUsages.ShouldBe(2);
        defaults.NoResetOnClose.ShouldBeTrue();
        defaults.GssEncryptionMode.ShouldBe(Npgsql.GssEncryptionMode.Disable);
        (defaults.Host, defaults.Database, defaults.Password).ShouldBe(("db", "limber", "secret"));

        var said = new Npgsql.NpgsqlConnectionStringBuilder(
            DatabaseSettings.WithPostgresDefaults("Host=db;Max Auto Prepare=0;autoprepareminusages=3;NO RESET ON CLOSE=false;Gss Encryption Mode=Prefer"));
        said.MaxAutoPrepare.ShouldBe(0);
        said.AutoPrepareMinUsages.ShouldBe(3);
        said.NoResetOnClose.ShouldBeFalse();
        said.GssEncryptionMode.ShouldBe(Npgsql.GssEncryptionMode.Prefer);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, typeof(SqliteLimberDbContext))]
    [InlineData(DatabaseProvider.Postgres, typeof(PostgresLimberDbContext))]
    public void The_configured_provider_decides_which_context_serves_the_model(DatabaseProvider provider, Type expected)
    {
        // Resolving a context does not connect, so no server is needed here.
        var configuration = TestDatabases.Configuration(
            (DatabaseSettings.ProviderKey, provider.ToString()),
            (DatabaseSettings.ConnectionStringKey, provider == DatabaseProvider.Sqlite ? "Data Source=unused.db" : "Host=unused"));
        using var node = TestDatabases.StartNode(configuration, databases.Folder);
        using var scope = node.CreateScope();

        scope.ServiceProvider.GetRequiredService<LimberDbContext>().ShouldBeOfType(expected);
    }

    [Fact]
    public void PersonData_is_one_per_scope_and_keeps_the_hosts_clock()
    {
        var clock = new FixedClock(Samples.Now);
        using var node = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(Limber.Domain.Tests.RepositoryFiles.Catalogue)
            .AddLimberStorage(TestDatabases.Configuration((DatabaseSettings.ConnectionStringKey, "Data Source=unused.db")), databases.Folder)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        using var first = node.CreateScope();
        using var second = node.CreateScope();

        first.ServiceProvider.GetRequiredService<PersonData>()
            .ShouldBeSameAs(first.ServiceProvider.GetRequiredService<PersonData>());
        first.ServiceProvider.GetRequiredService<PersonData>()
            .ShouldNotBeSameAs(second.ServiceProvider.GetRequiredService<PersonData>());
        node.GetRequiredService<TimeProvider>().ShouldBeSameAs(clock);
    }

    [Fact]
    public async Task The_SQLite_default_creates_the_data_folder_and_file_when_missing()
    {
        var contentRoot = Path.Combine(databases.Folder, "app");
        var expectedFile = Path.Combine(contentRoot, "data", "limber.db");

        await using var node = TestDatabases.StartNode(TestDatabases.Configuration(), contentRoot);
        await node.MigrateLimberDatabaseAsync();

        File.Exists(expectedFile).ShouldBeTrue();
        node.DescribeDatabase().ShouldBe($"SQLite file {expectedFile}");
    }

    [Fact]
    public void An_absolute_data_path_is_used_as_it_is()
    {
        var dataPath = Path.Combine(databases.Folder, "elsewhere", "data");

        using var node = TestDatabases.StartNode(
            TestDatabases.Configuration((DatabaseSettings.DataPathKey, dataPath)),
            Path.Combine(databases.Folder, "app"));

        Directory.Exists(dataPath).ShouldBeTrue();
        node.DescribeDatabase().ShouldBe($"SQLite file {Path.Combine(dataPath, "limber.db")}");
    }

    [Fact]
    public void Postgres_without_a_connection_string_fails_fast_naming_the_setting()
    {
        var services = new ServiceCollection();

        var failure = Should.Throw<InvalidOperationException>(() => services.AddLimberStorage(
            TestDatabases.Configuration((DatabaseSettings.ProviderKey, "Postgres")), databases.Folder));

        failure.Message.ShouldContain("Limber:Database:ConnectionString");
    }

    [Theory]
    [InlineData("Oracle")]
    [InlineData("1")] // an enum's number is not a provider's name
    public void An_unknown_provider_fails_fast_naming_the_setting(string provider)
    {
        var services = new ServiceCollection();

        var failure = Should.Throw<InvalidOperationException>(() => services.AddLimberStorage(
            TestDatabases.Configuration((DatabaseSettings.ProviderKey, provider)), databases.Folder));

        failure.Message.ShouldContain("Limber:Database:Provider");
    }

    [Fact]
    public void A_malformed_Postgres_connection_string_fails_fast_naming_the_setting()
    {
        var services = new ServiceCollection();

        var failure = Should.Throw<InvalidOperationException>(() => services.AddLimberStorage(
            TestDatabases.Configuration(
                (DatabaseSettings.ProviderKey, "Postgres"),
                (DatabaseSettings.ConnectionStringKey, "Hots=db;Password=hunter2")),
            databases.Folder));

        failure.Message.ShouldContain("Limber:Database:ConnectionString");
        failure.Message.ShouldNotContain("hunter2");
    }

    [Fact]
    public void The_PostgreSQL_description_names_the_server_and_database_but_not_the_password()
    {
        using var node = TestDatabases.StartNode(
            TestDatabases.Configuration(
                (DatabaseSettings.ProviderKey, "postgres"),
                (DatabaseSettings.ConnectionStringKey, "Host=db.example;Port=5433;Database=limber;Username=app;Password=hunter2")),
            databases.Folder);

        var description = node.DescribeDatabase();

        description.ShouldBe("PostgreSQL host=db.example;port=5433;database=limber");
        description.ShouldNotContain("hunter2");
    }
}
