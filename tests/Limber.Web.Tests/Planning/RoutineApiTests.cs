using System.Net;
using Limber.Web.Tests.Accounts;

namespace Limber.Web.Tests.Planning;

/// <summary>The routine and the program over real HTTP: what must come first, the safety gate, and the plan itself.</summary>
[Collection(AccountServerCollection.Name)]
public sealed class RoutineApiTests(AccountServer server)
{
    private const string Routine = "/api/v1/me/routine";
    private const string Program = "/api/v1/me/program";

    [Fact]
    public async Task Consent_then_onboarding_then_the_screen_come_before_any_routine()
    {
        using var person = await TestPerson.CreateAsync(server, consent: false, who: "routine-order");
        (await person.GetAsync(Routine)).ShouldBeProblem(HttpStatusCode.Forbidden);

        (await person.PostAsync("/api/v1/me/consents/health-data", "")).Status.ShouldBe(HttpStatusCode.Created);
        (await person.GetAsync(Routine)).ShouldBeProblem(HttpStatusCode.Conflict)
            .GetProperty("detail").GetString()!.ShouldContain("onboarding");

        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
        (await person.GetAsync(Routine)).ShouldBeProblem(HttpStatusCode.Conflict)
            .GetProperty("detail").GetString()!.ShouldContain("warning-sign questions come first");
        (await person.GetAsync(Program)).ShouldBeProblem(HttpStatusCode.Conflict);

        await person.StoreScreenAsync(AccountApi.Screen());
        var routine = await person.GetAsync(Routine);
        routine.Status.ShouldBe(HttpStatusCode.OK, routine.ToString());
        var json = routine.Json;
        json.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);
        var total = json.GetProperty("totalSeconds").GetInt32();
        json.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("seconds").GetInt32()).ShouldBeLessThanOrEqualTo(total);
        foreach (var item in json.GetProperty("items").EnumerateArray())
        {
            item.GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();
            item.GetProperty("exerciseId").GetString().ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [InlineData("saddle_numbness", "locked")]
    [InlineData("cancer_history", "paused")]
    public async Task An_unconfirmed_emergency_or_urgent_screen_gives_409_saying_why(string yesItem, string words)
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "routine-gate");
        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
        await person.StoreScreenAsync(AccountApi.Screen(yes: [yesItem]));

        (await person.GetAsync(Routine)).ShouldBeProblem(HttpStatusCode.Conflict).GetProperty("detail").GetString()!.ShouldContain(words);
        (await person.GetAsync(Program)).ShouldBeProblem(HttpStatusCode.Conflict).GetProperty("detail").GetString()!.ShouldContain(words);
    }

    [Fact]
    public async Task The_same_day_gives_the_same_routine_and_a_bad_date_names_the_parameter()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "routine-date");
        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
        await person.StoreScreenAsync(AccountApi.Screen());

        var first = await person.GetAsync($"{Routine}?date=2026-12-01");
        var again = await person.GetAsync($"{Routine}?date=2026-12-01");
        first.Text.ShouldBe(again.Text);
        first.Json.GetProperty("date").GetString().ShouldBe("2026-12-01");

        foreach (var bad in new[] { "?date=junk", "?date=2026-13-01", "?date=1.12.2026", "?date=2026-12-01&date=2026-12-02" })
        {
            (await person.GetAsync(Routine + bad)).ShouldBeProblem(HttpStatusCode.BadRequest).GetProperty("errors").TryGetProperty("date", out _).ShouldBeTrue(bad);
        }
        (await person.GetAsync($"{Routine}?day=2026-12-01")).ShouldBeProblem(HttpStatusCode.BadRequest).GetProperty("errors").TryGetProperty("day", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_program_has_six_weeks_starting_when_onboarding_was_first_answered()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "program");
        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
        await person.StoreScreenAsync(AccountApi.Screen());

        var program = await person.GetAsync(Program);
        program.Status.ShouldBe(HttpStatusCode.OK, program.ToString());
        var weeks = program.Json.GetProperty("weeks");
        weeks.GetArrayLength().ShouldBe(6);
        program.Json.GetProperty("currentWeek").GetInt32().ShouldBe(1);
        program.Json.GetProperty("status").GetString().ShouldBe("inProgress");
        weeks.EnumerateArray().Select(w => w.GetProperty("stage").GetString()).Distinct().Count().ShouldBe(3);
        weeks[0].GetProperty("days").GetArrayLength().ShouldBe(7);
    }
}
