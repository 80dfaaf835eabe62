using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

/// <summary>
/// On PostgreSQL each node keeps people's stamps for the sign-in check (<see cref="KeptStamps"/>), and forgets them
/// when the database says they changed: a change made on one node, or by hand in the database, reaches every node.
/// </summary>
public sealed class KeptStampTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    // Long enough for any notice on a loaded machine; a passing run waits milliseconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Theory]
    [PostgresData]
    public async Task A_change_made_anywhere_reaches_the_stamps_every_node_keeps(DatabaseProvider provider)
    {
        await using var one = await databases.MigratedNodeAsync(provider);
        await using var two = await databases.StartNodeAsync(provider);
        var keptOne = await ListeningAsync(one);
        var keptTwo = await ListeningAsync(two);
        var person = await one.SavedPersonAsync();
        const string security = "signed in";
        await using (var scope = one.CreateAsyncScope())
        {
            await scope.Db().Users.Where(p => p.Id == person).ExecuteUpdateAsync(s => s.SetProperty(p => p.SecurityStamp, security));
        }
        await HeardAllAsync(one, keptOne);
        await HeardAllAsync(one, keptTwo);

        // Read on node two, then kept there (once the notices of the person have settled): the next check is
        // answered without the database.
        var stamp = await KeptAsync(two, keptTwo, person, security);
        stamp.ShouldNotBeNull();
        keptTwo.TryGet(person, out var keptSecurity, out var keptData).ShouldBeTrue();
        (keptSecurity, keptData).ShouldBe((security, stamp.Value));

        // A save of the person's data on node one: forgotten there at once, and on node two when the notice comes.
        await KeptAsync(one, keptOne, person, security);
        await using (var scope = one.CreateAsyncScope())
        {
            scope.Db().Consents.Add(new Consent { PersonId = person, Purpose = Consent.HealthData, Version = "2026-11", GivenAt = Samples.Now });
            await scope.Db().SaveChangesAsync();
        }
        keptOne.TryGet(person, out _, out _).ShouldBeFalse("the node that saved forgets without waiting for the notice");
        await UntilAsync(() => !keptTwo.TryGet(person, out _, out _), "the notice of a new data stamp");
        var newer = await SignedInAsync(two, person, security);
        newer.ShouldNotBeNull();
        newer.ShouldNotBe(stamp);

        await KeptAsync(two, keptTwo, person, security);

        // Signed out everywhere through Identity's way of saving (the tracked person, a new security stamp).
        await using (var scope = one.CreateAsyncScope())
        {
            var held = await scope.Db().Users.SingleAsync(p => p.Id == person);
            held.SecurityStamp = "signed out everywhere";
            await scope.Db().SaveChangesAsync();
        }
        keptOne.TryGet(person, out _, out _).ShouldBeFalse();
        (await SignedInAsync(one, person, security)).ShouldBeNull("the node that signed out refuses at once");
        await UntilAsync(() => !keptTwo.TryGet(person, out _, out _), "the notice of a new security stamp");
        (await SignedInAsync(two, person, security)).ShouldBeNull();
        (await SignedInAsync(two, person, "signed out everywhere")).ShouldNotBeNull("the new sign-in is good");

        // Changed by hand in the database: the trigger tells every node all the same.
        await KeptAsync(two, keptTwo, person, "signed out everywhere");
        await using (var scope = one.CreateAsyncScope())
        {
            await scope.Db().Database.ExecuteSqlAsync($"""UPDATE "AspNetUsers" SET "SecurityStamp" = 'by hand' WHERE "Id" = {person}""");
        }
        await UntilAsync(() => !keptTwo.TryGet(person, out _, out _), "the notice of a change made by hand");
        (await SignedInAsync(two, person, "signed out everywhere")).ShouldBeNull();

        // Deleted with all their data: nobody on either node.
        await KeptAsync(two, keptTwo, person, "by hand");
        await KeptAsync(one, keptOne, person, "by hand");
        await using (var scope = one.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<PersonData>().DeleteEverythingAsync(person, "deleted-in-test")).ShouldBeTrue();
        }
        keptOne.TryGet(person, out _, out _).ShouldBeFalse();
        await UntilAsync(() => !keptTwo.TryGet(person, out _, out _), "the notice of a deletion");
        (await SignedInAsync(two, person, "by hand")).ShouldBeNull();
    }

    [Theory]
    [PostgresData]
    public async Task What_was_read_before_a_forgetting_is_not_kept_and_a_stamp_unlike_the_sign_ins_is_read_again(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var kept = await ListeningAsync(node);
        var person = Guid.NewGuid();

        // A read that a forgetting overtook (of anyone: the count is the node's) may be out of date.
        var before = kept.Forgettings;
        kept.Forget(Guid.NewGuid());
        kept.Keep(person, "read", 1, before);
        kept.TryGet(person, out _, out _).ShouldBeFalse();
        kept.Keep(person, "read", 1, kept.Forgettings);
        kept.TryGet(person, out var security, out var data).ShouldBeTrue();
        (security, data).ShouldBe(("read", 1L));

        // A kept stamp that is not the sign-in's: the sign-in may be newer than what the node kept, so the database decides.
        var real = await node.SavedPersonAsync();
        await using (var scope = node.CreateAsyncScope())
        {
            await scope.Db().Users.Where(p => p.Id == real).ExecuteUpdateAsync(s => s.SetProperty(p => p.SecurityStamp, "newer"));
        }
        await HeardAllAsync(node, kept);
        await UntilAsync(() =>
        {
            kept.Keep(real, "older", 7, kept.Forgettings);
            return kept.TryGet(real, out _, out _);
        }, "the notice of the person to settle");
        (await SignedInAsync(node, real, "newer")).ShouldNotBeNull();
        kept.TryGet(real, out security, out data).ShouldBeTrue();
        security.ShouldBe("newer");
        data.ShouldNotBe(7);
    }

    [Theory]
    [PostgresData]
    public async Task A_node_that_is_not_listening_keeps_nothing_and_reads_the_database(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var kept = node.GetRequiredService<KeptStamps>();
        var person = await node.SavedPersonAsync();
        kept.Listening.ShouldBeFalse("nobody started it");

        (await SignedInAsync(node, person, null)).ShouldNotBeNull();
        kept.Count.ShouldBe(0);
        kept.Keep(person, null, 1, kept.Forgettings);
        kept.Count.ShouldBe(0);

        // Listening, then stopped: what it kept is gone with it.
        await kept.StartAsync(CancellationToken.None);
        await UntilAsync(() => kept.Listening, "listening");
        await SignedInAsync(node, person, null);
        kept.Count.ShouldBe(1);
        await kept.StopAsync(CancellationToken.None);
        kept.Listening.ShouldBeFalse();
        kept.Count.ShouldBe(0);
        kept.TryGet(person, out _, out _).ShouldBeFalse();
    }

    [Theory]
    [PostgresData]
    public async Task A_stamp_is_kept_no_longer_than_the_age_set(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        using var kept = new KeptStamps(node.GetRequiredService<DatabaseSettings>(), TimeSpan.FromSeconds(5), clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<KeptStamps>.Instance);
        await kept.StartAsync(CancellationToken.None);
        await UntilAsync(() => kept.Listening, "listening");
        var person = Guid.NewGuid();
        kept.Keep(person, "s", 1, kept.Forgettings);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        kept.TryGet(person, out _, out _).ShouldBeTrue();
        clock.Advance(TimeSpan.FromSeconds(0.1));
        kept.TryGet(person, out _, out _).ShouldBeFalse("five seconds old");
        kept.Keep(person, "s", 1, kept.Forgettings);
        clock.Advance(TimeSpan.FromSeconds(-1));
        kept.TryGet(person, out _, out _).ShouldBeFalse("a clock set back makes no stamp younger than when it was read");
        await kept.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(DatabaseProvider.Postgres, null, 60)]
    [InlineData(DatabaseProvider.Postgres, "5", 5)]
    [InlineData(DatabaseProvider.Postgres, "0", null)]
    [InlineData(DatabaseProvider.Sqlite, null, null)]
    [InlineData(DatabaseProvider.Sqlite, "30", null)]
    public void Stamps_are_kept_on_PostgreSQL_for_the_seconds_set(DatabaseProvider provider, string? seconds, int? kept)
    {
        var settings = new DatabaseSettings(provider, provider == DatabaseProvider.Postgres ? "Host=localhost" : "Data Source=limber.db");
        StorageRegistration.KeptStampsAge(settings, TestDatabases.Configuration((KeptStamps.SecondsKey, seconds)))
            .ShouldBe(kept is { } s ? TimeSpan.FromSeconds(s) : null);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("a minute")]
    [InlineData("3601")]
    public void A_wrong_number_of_seconds_is_refused_by_name(string seconds)
    {
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost");
        Should.Throw<InvalidOperationException>(() => StorageRegistration.KeptStampsAge(settings, TestDatabases.Configuration((KeptStamps.SecondsKey, seconds))))
            .Message.ShouldContain(KeptStamps.SecondsKey);
    }

    private static async Task<KeptStamps> ListeningAsync(ServiceProvider node)
    {
        var kept = node.GetRequiredService<KeptStamps>();
        await kept.StartAsync(CancellationToken.None);
        await UntilAsync(() => kept.Listening, "listening");
        return kept;
    }

    /// <summary>Waits until the node has heard every notice sent so far: they come in the order sent, so up to one of the test's own.</summary>
    private static async Task HeardAllAsync(IServiceProvider node, KeptStamps kept)
    {
        var sentinel = Guid.NewGuid();
        await UntilAsync(() =>
        {
            kept.Keep(sentinel, null, 0, kept.Forgettings);
            return kept.TryGet(sentinel, out _, out _);
        }, "a quiet moment to keep a stamp in");
        await using (var scope = node.CreateAsyncScope())
        {
            await scope.Db().Database.ExecuteSqlAsync($"SELECT pg_notify({KeptStamps.Channel}, {sentinel.ToString()})");
        }
        await UntilAsync(() => !kept.TryGet(sentinel, out _, out _), "the notices sent before the test's own");
    }

    /// <summary>Checks the sign-in on the node until the node keeps the person's stamps (not while a notice of them settles).</summary>
    private static async Task<long?> KeptAsync(IServiceProvider node, KeptStamps kept, Guid person, string? security)
    {
        long? stamp = null;
        await UntilAsync(() => kept.TryGet(person, out _, out _), "the stamps to be kept", async () => stamp = await SignedInAsync(node, person, security));
        return stamp;
    }

    private static async Task<long?> SignedInAsync(IServiceProvider node, Guid person, string? security)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DataStamps>().SignedInAsync(person, security);
    }

    private static async Task UntilAsync(Func<bool> done, string what, Func<Task>? between = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        if (between is not null)
        {
            await between();
        }
        while (!done())
        {
            waited.Elapsed.ShouldBeLessThan(Patience, $"waited too long for {what}");
            await Task.Delay(10);
            if (between is not null)
            {
                await between();
            }
        }
    }
}
