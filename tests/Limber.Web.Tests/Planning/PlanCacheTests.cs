using System.Net;
using System.Net.Http.Headers;
using Limber.Web.Planning;
using Limber.Web.Tests.Accounts;
using Microsoft.Extensions.Configuration;

namespace Limber.Web.Tests.Planning;

/// <summary>
/// Plans kept in memory between requests are used again only under the data stamp and on the day they were made:
/// a warning sign noted anywhere stops the routine everywhere at the next request.
/// </summary>
public sealed class PlanCacheTests
{
    [Fact]
    public async Task A_warning_sign_checked_in_on_one_node_stops_the_routine_the_other_node_has_kept()
    {
        await using var database = await ScratchPostgres.CreateAsync("limber_plancache");
        if (database is null)
        {
            return;
        }
        var settings = Hosting.NodeServer.PostgresSettings(database.ConnectionString);
        using var one = AccountServer.With(settings);
        using var two = AccountServer.With(settings);
        using var person = await SessionApiTests.ReadyAsync(one, "plancache");
        await SessionApiTests.RoutineAsync(person);
        await SessionApiTests.RoutineAsync(person);   // the second from the plan node one kept

        using var toTwo = two.CreateHttpClient();
        toTwo.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", person.AccessToken);
        var checkIn = await AccountApi.PostAsync(toTwo, "/api/v1/me/checkins", CheckInApiTests.Body(bladderOrBowelChange: true));
        checkIn.Status.ShouldBe(HttpStatusCode.Created, checkIn.ToString());

        (await person.GetAsync("/api/v1/me/routine")).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public void A_kept_plan_holds_under_its_stamp_until_the_day_ends_where_the_person_lives()
    {
        // 22:30 UTC on 24 November is 23:30 in Berlin: the person's day ends in half an hour.
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 24, 22, 30, 0, TimeSpan.Zero));
        using var cache = new PlanCache(10, clock);
        var person = Guid.NewGuid();
        var plan = new PlanContext(PlanBlock.NoProfile, "Answer the onboarding questions first.", null, null, null,
            new DateOnly(2026, 11, 24), null, TimeZoneId: "Europe/Berlin");
        cache.Keep(person, 41, plan);

        cache.Find(person, 41).ShouldBeSameAs(plan);
        cache.Find(person, 42).ShouldBeNull("a new stamp: the data changed");
        cache.Find(Guid.NewGuid(), 41).ShouldBeNull();

        clock.Now = clock.Now.AddMinutes(31);   // 00:01 on the 25th in Berlin, still the 24th in UTC
        cache.Find(person, 41).ShouldBeNull("a new day where the person lives");
    }

    [Fact]
    public void Keeping_can_be_turned_off_and_a_bad_size_is_named()
    {
        using var off = new PlanCache(PlanCache.SizeFrom(Settings("0")), TimeProvider.System);
        var person = Guid.NewGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        off.Keep(person, 1, new PlanContext(PlanBlock.NoConsent, "Consent first.", null, null, null, today, null));
        off.Find(person, 1).ShouldBeNull();

        PlanCache.SizeFrom(Settings(null)).ShouldBe(PlanCache.DefaultSize);
        Should.Throw<InvalidOperationException>(() => PlanCache.SizeFrom(Settings("-5"))).Message.ShouldContain(PlanCache.SizeKey);
        Should.Throw<InvalidOperationException>(() => PlanCache.SizeFrom(Settings("many"))).Message.ShouldContain("'many'");
    }

    private static IConfiguration Settings(string? size) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [PlanCache.SizeKey] = size }).Build();

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
