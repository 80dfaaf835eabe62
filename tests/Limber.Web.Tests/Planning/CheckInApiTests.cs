using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Web.Tests.Accounts;

namespace Limber.Web.Tests.Planning;

/// <summary>
/// The daily check-in over real HTTP: one a day, every bad field named, the consent gate, and the signs that make the
/// warning-sign questions due again at once and stop routines until they are answered (safety.md section 3).
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class CheckInApiTests(AccountServer server)
{
    private const string CheckIns = "/api/v1/me/checkins";
    private const string Routine = "/api/v1/me/routine";

    /// <summary>A valid check-in with nothing that asks for the screen again (the profile's baseline pain is 4).</summary>
    internal static JsonObject Body(int painNow = 3, bool legSymptoms = false, bool numbness = false, bool bladderOrBowelChange = false) => new()
    {
        ["painNow"] = painNow,
        ["stiffness"] = 4,
        ["morningStiffnessMinutes"] = 20,
        ["whereFelt"] = new JsonArray("lowerBack", "glutes"),
        ["legSymptoms"] = legSymptoms,
        ["numbness"] = numbness,
        ["bladderOrBowelChange"] = bladderOrBowelChange,
        ["whatHelped"] = new JsonArray("walk", "heat"),
        ["note"] = "Stiff after the long drive.",
    };

    /// <summary>Someone with consent, a profile (baseline pain 4) and a screen with no warning signs: routines plan.</summary>
    private async Task<TestPerson> ReadyAsync(string who)
    {
        var person = await TestPerson.CreateAsync(server, consent: true, who: who);
        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
        await person.StoreScreenAsync(AccountApi.Screen());
        (await person.GetAsync(Routine)).Status.ShouldBe(HttpStatusCode.OK);
        return person;
    }

    /// <summary>A value not given: left out of the answer, or null.</summary>
    private static bool Absent(JsonElement json, string field) =>
        !json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null;

    private static JsonElement ScreenDue(ApiAnswer answer) => answer.Json.GetProperty("screenDue");

    private static IEnumerable<string?> RuleIds(JsonElement due) => due.GetProperty("ruleIds").EnumerateArray().Select(r => r.GetString());

    [Fact]
    public async Task A_check_in_is_stored_and_again_the_same_day_replaces_it()
    {
        using var person = await ReadyAsync("checkin-day");

        var first = await person.PostAsync(CheckIns, Body());
        first.Status.ShouldBe(HttpStatusCode.Created, first.ToString());
        var stored = first.Json.GetProperty("checkIn");
        var today = stored.GetProperty("date").GetString()!;
        first.Headers.Location!.ToString().ShouldBe($"{CheckIns}?from={today}&to={today}");
        stored.GetProperty("painNow").GetInt32().ShouldBe(3);
        stored.GetProperty("stiffness").GetInt32().ShouldBe(4);
        stored.GetProperty("morningStiffnessMinutes").GetInt32().ShouldBe(20);
        stored.GetProperty("whereFelt").EnumerateArray().Select(e => e.GetString()).ShouldBe(["lowerBack", "glutes"]);
        stored.GetProperty("whatHelped").EnumerateArray().Select(e => e.GetString()).ShouldBe(["walk", "heat"]);
        stored.GetProperty("note").GetString().ShouldBe("Stiff after the long drive.");
        ScreenDue(first).GetProperty("scope").GetString().ShouldBe("none");

        var again = Body(painNow: 5);
        again.Remove("note");
        var second = await person.PostAsync(CheckIns, again);
        second.Status.ShouldBe(HttpStatusCode.OK, second.ToString());
        second.Json.GetProperty("checkIn").GetProperty("id").GetString().ShouldBe(stored.GetProperty("id").GetString());

        var list = await person.GetAsync($"{CheckIns}?from={today}&to={today}");
        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        var rows = list.Json.GetProperty("checkIns");
        rows.GetArrayLength().ShouldBe(1);
        rows[0].GetProperty("painNow").GetInt32().ShouldBe(5);
        Absent(rows[0], "note").ShouldBeTrue("the note was left out the second time");
        (await person.GetAsync(CheckIns)).Json.GetProperty("checkIns").GetArrayLength().ShouldBe(1, "the default range ends today");
    }

    [Fact]
    public async Task Each_bad_field_is_named_and_nothing_is_stored()
    {
        using var person = await ReadyAsync("checkin-bad");
        var today = DateOnly.ParseExact(
            (await person.PostAsync(CheckIns, Body())).Json.GetProperty("checkIn").GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var before = (await person.GetAsync(CheckIns)).Text;

        var cases = new (string Field, Action<JsonObject> Spoil)[]
        {
            ("painNow", b => b["painNow"] = 11),
            ("painNow", b => b.Remove("painNow")),
            ("stiffness", b => b["stiffness"] = -1),
            ("morningStiffnessMinutes", b => b["morningStiffnessMinutes"] = "twenty"),
            ("whereFelt[0]", b => b["whereFelt"] = new JsonArray("elbow")),
            ("whatHelped[1]", b => b["whatHelped"] = new JsonArray("walk", "pills")),
            ("legSymptoms", b => b.Remove("legSymptoms")),
            ("numbness", b => b["numbness"] = "yes"),
            ("bladderOrBowelChange", b => b.Remove("bladderOrBowelChange")),
            ("date", b => b["date"] = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("date", b => b["date"] = today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("date", b => b["date"] = "23/11/2026"),
            ("note", b => b["note"] = new string('x', 1001)),
            ("mood", b => b["mood"] = "grumpy"),
        };
        foreach (var (field, spoil) in cases)
        {
            var body = Body(painNow: 9);
            spoil(body);
            (await person.PostAsync(CheckIns, body)).ShouldNameField(field);
        }

        // Every problem at once, each under its own name.
        var all = Body();
        all["painNow"] = 11;
        all["whereFelt"] = new JsonArray("elbow");
        all.Remove("legSymptoms");
        all["date"] = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        all["mood"] = "grumpy";
        var errors = (await person.PostAsync(CheckIns, all)).ShouldNameField("painNow").GetProperty("errors");
        foreach (var field in new[] { "whereFelt[0]", "legSymptoms", "date", "mood" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        (await person.GetAsync(CheckIns)).Text.ShouldBe(before, "no bad check-in replaced the good one");
        (await person.GetAsync($"{CheckIns}?from=junk")).ShouldNameField("from");
        (await person.GetAsync($"{CheckIns}?days=3")).ShouldNameField("days");
    }

    [Fact]
    public async Task Without_consent_403_and_signed_out_401()
    {
        using var person = await TestPerson.CreateAsync(server, consent: false, who: "checkin-consent");
        (await person.PostAsync(CheckIns, Body())).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await person.GetAsync(CheckIns)).ShouldBeProblem(HttpStatusCode.Forbidden);

        (await AccountApi.PostAsync(person.Anonymous, CheckIns, Body())).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountApi.GetAsync(person.Anonymous, CheckIns)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Numbness_makes_the_full_screen_due_and_stops_routines_until_a_new_screen()
    {
        using var person = await ReadyAsync("checkin-numb");

        var answer = await person.PostAsync(CheckIns, Body(numbness: true));
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        var due = ScreenDue(answer);
        due.GetProperty("scope").GetString().ShouldBe("fullScreen");
        RuleIds(due).ShouldContain("rescreen.numbness_or_tingling");
        due.GetProperty("reason").GetString()!.ShouldContain("numbness or tingling");
        due.GetProperty("answer").GetString().ShouldBe("/screen");

        (await person.GetAsync(Routine)).ShouldBeProblem(HttpStatusCode.Conflict);
        (await person.GetAsync("/api/v1/me/program")).ShouldBeProblem(HttpStatusCode.Conflict);

        await person.StoreScreenAsync(AccountApi.Screen());
        var routine = await person.GetAsync(Routine);
        routine.Status.ShouldBe(HttpStatusCode.OK, routine.ToString());
    }

    [Theory]
    [InlineData(true, false, "rescreen.leg_symptoms")]
    [InlineData(false, true, "rescreen.bladder_or_bowel_change")]
    public async Task A_leg_symptom_or_a_bladder_or_bowel_change_makes_the_full_screen_due(bool leg, bool bladder, string rule)
    {
        using var person = await ReadyAsync("checkin-signs");

        var due = ScreenDue(await person.PostAsync(CheckIns, Body(legSymptoms: leg, bladderOrBowelChange: bladder)));

        due.GetProperty("scope").GetString().ShouldBe("fullScreen");
        RuleIds(due).ShouldBe([rule]);
        (await person.GetAsync(Routine)).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Pain_three_points_above_the_baseline_makes_the_full_screen_due()
    {
        using var person = await ReadyAsync("checkin-pain");

        // Baseline 4: two points above is not enough.
        ScreenDue(await person.PostAsync(CheckIns, Body(painNow: 6))).GetProperty("scope").GetString().ShouldBe("none");
        (await person.GetAsync(Routine)).Status.ShouldBe(HttpStatusCode.OK);

        var answer = await person.PostAsync(CheckIns, Body(painNow: 7));
        answer.Status.ShouldBe(HttpStatusCode.OK, "the same day again replaces the check-in");
        var due = ScreenDue(answer);
        due.GetProperty("scope").GetString().ShouldBe("fullScreen");
        RuleIds(due).ShouldBe(["rescreen.pain_rise"]);
        (await person.GetAsync(Routine)).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_normal_check_in_asks_nothing_and_the_routine_still_plans()
    {
        using var person = await ReadyAsync("checkin-normal");

        var due = ScreenDue(await person.PostAsync(CheckIns, Body()));

        due.GetProperty("scope").GetString().ShouldBe("none");
        RuleIds(due).ShouldBeEmpty();
        Absent(due, "answer").ShouldBeTrue();
        (await person.GetAsync(Routine)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_screen_yet_every_check_in_says_the_questions_come_first()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "checkin-unscreened");

        // No profile, so no baseline: pain 2 is not 3 above it.
        var due = ScreenDue(await person.PostAsync(CheckIns, Body(painNow: 2)));

        due.GetProperty("scope").GetString().ShouldBe("fullScreen");
        RuleIds(due).ShouldBe(["rescreen.before_first_routine"]);
    }
}
