using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Web.Tests.Accounts;

namespace Limber.Web.Tests.Planning;

/// <summary>The onboarding profile over real HTTP: round trip, a problem named for every bad field, the consent gate, history.</summary>
[Collection(AccountServerCollection.Name)]
public sealed class ProfileApiTests(AccountServer server)
{
    private const string Profile = "/api/v1/me/profile";

    /// <summary>A complete, valid profile.</summary>
    internal static JsonObject Body(int socks = 6) => new()
    {
        ["tightAreas"] = new JsonArray("lowerBack", "hipFront"),
        ["triggers"] = new JsonArray("onWaking", "afterSitting"),
        ["day"] = new JsonArray("sitting", "standingWork"),
        ["sittingHoursPerDay"] = 8,
        ["positions"] = new JsonArray("chair", "standing"),
        ["equipment"] = new JsonArray("chair", "towel"),
        ["minutesPerSession"] = 10,
        ["sessionsPerDay"] = 3,
        ["workHours"] = new JsonObject { ["start"] = "09:00", ["end"] = "17:30" },
        ["baselinePain"] = 4,
        ["morningStiffnessMinutes"] = 30,
        ["activities"] = new JsonArray(
            new JsonObject { ["name"] = "Putting on socks", ["score"] = socks },
            new JsonObject { ["name"] = "Getting out of a car", ["score"] = 5 },
            new JsonObject { ["name"] = "Sitting through a meeting", ["score"] = 7 }),
        ["timeZone"] = "Europe/London",
    };

    /// <summary>A value not given: left out of the answer, or null.</summary>
    private static bool Absent(JsonElement json, string field) =>
        !json.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null;

    private static Task<ApiAnswer> PutAsync(TestPerson person, JsonNode body) => person.SendAsync(HttpMethod.Put, Profile, body);

    [Fact]
    public async Task A_profile_put_reads_back_as_sent()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "profile");
        (await person.GetAsync(Profile)).ShouldBeProblem(HttpStatusCode.NotFound)
            .GetProperty("detail").GetString().ShouldStartWith("No profile yet: send PUT /api/v1/me/profile");

        var created = await PutAsync(person, Body());
        created.Status.ShouldBe(HttpStatusCode.Created, created.ToString());
        var read = await person.GetAsync(Profile);
        read.Status.ShouldBe(HttpStatusCode.OK);
        read.Text.ShouldBe(created.Text);

        var json = read.Json;
        json.GetProperty("tightAreas").EnumerateArray().Select(e => e.GetString()).ShouldBe(["lowerBack", "hipFront"]);
        json.GetProperty("triggers").EnumerateArray().Select(e => e.GetString()).ShouldBe(["onWaking", "afterSitting"]);
        json.GetProperty("day").EnumerateArray().Select(e => e.GetString()).ShouldBe(["sitting", "standingWork"]);
        json.GetProperty("sittingHoursPerDay").GetInt32().ShouldBe(8);
        json.GetProperty("positions").EnumerateArray().Select(e => e.GetString()).ShouldBe(["chair", "standing"]);
        json.GetProperty("equipment").EnumerateArray().Select(e => e.GetString()).ShouldBe(["chair", "towel"]);
        json.GetProperty("minutesPerSession").GetInt32().ShouldBe(10);
        json.GetProperty("sessionsPerDay").GetInt32().ShouldBe(3);
        json.GetProperty("workHours").GetProperty("start").GetString().ShouldBe("09:00");
        json.GetProperty("workHours").GetProperty("end").GetString().ShouldBe("17:30");
        json.GetProperty("baselinePain").GetInt32().ShouldBe(4);
        json.GetProperty("morningStiffnessMinutes").GetInt32().ShouldBe(30);
        json.GetProperty("timeZone").GetString().ShouldBe("Europe/London");
        json.GetProperty("activities").EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("score").GetInt32()))
            .OrderBy(a => a.Item1, StringComparer.Ordinal)
            .ShouldBe([("Getting out of a car", 5), ("Putting on socks", 6), ("Sitting through a meeting", 7)]);

        // Again, with other letter case and the optional fields left out: 200, canonical names, nulls.
        var body = Body();
        body["tightAreas"] = new JsonArray("LOWERBACK");
        body.Remove("workHours");
        body.Remove("timeZone");
        body.Remove("morningStiffnessMinutes");
        var updated = await PutAsync(person, body);
        updated.Status.ShouldBe(HttpStatusCode.OK, updated.ToString());
        updated.Json.GetProperty("tightAreas").EnumerateArray().Select(e => e.GetString()).ShouldBe(["lowerBack"]);
        Absent(updated.Json, "workHours").ShouldBeTrue();
        Absent(updated.Json, "timeZone").ShouldBeTrue();
        Absent(updated.Json, "morningStiffnessMinutes").ShouldBeTrue();
    }

    public static TheoryData<string, Action<JsonObject>> Invalid => new()
    {
        { "tightAreas[1]", b => b["tightAreas"] = new JsonArray("lowerBack", "neck") },
        { "tightAreas[1]", b => b["tightAreas"] = new JsonArray("lowerBack", "lowerBack") },
        { "tightAreas", b => b["tightAreas"] = "lowerBack" },
        { "triggers[0]", b => b["triggers"] = new JsonArray("onMonday") },
        { "triggers[0]", b => b["triggers"] = new JsonArray(3) },
        { "day[0]", b => b["day"] = new JsonArray("swimming") },
        { "sittingHoursPerDay", b => b["sittingHoursPerDay"] = 25 },
        { "sittingHoursPerDay", b => b["sittingHoursPerDay"] = "eight" },
        { "positions", b => b["positions"] = new JsonArray() },
        { "positions", b => b.Remove("positions") },
        { "positions[0]", b => b["positions"] = new JsonArray("lyingDown") },
        { "equipment[0]", b => b["equipment"] = new JsonArray("dumbbell") },
        { "minutesPerSession", b => b["minutesPerSession"] = 12 },
        { "minutesPerSession", b => b["minutesPerSession"] = 10.5 },
        { "minutesPerSession", b => b.Remove("minutesPerSession") },
        { "sessionsPerDay", b => b["sessionsPerDay"] = 0 },
        { "sessionsPerDay", b => b["sessionsPerDay"] = 7 },
        { "workHours.end", b => b["workHours"] = new JsonObject { ["start"] = "17:00", ["end"] = "09:00" } },
        { "workHours.start", b => b["workHours"] = new JsonObject { ["start"] = "9am", ["end"] = "17:00" } },
        { "workHours.end", b => b["workHours"] = new JsonObject { ["start"] = "09:00" } },
        { "workHours.lunch", b => b["workHours"] = new JsonObject { ["start"] = "09:00", ["end"] = "17:00", ["lunch"] = "12:00" } },
        { "workHours", b => b["workHours"] = "09:00-17:00" },
        { "baselinePain", b => b["baselinePain"] = 11 },
        { "baselinePain", b => b["baselinePain"] = -1 },
        { "baselinePain", b => b.Remove("baselinePain") },
        { "morningStiffnessMinutes", b => b["morningStiffnessMinutes"] = 601 },
        { "activities", b => b["activities"]!.AsArray().RemoveAt(2) },
        { "activities", b => b["activities"] = new JsonArray(Enumerable.Range(0, 6).Select(i => (JsonNode)new JsonObject { ["name"] = $"a{i}", ["score"] = 1 }).ToArray()) },
        { "activities", b => b.Remove("activities") },
        { "activities[2].score", b => b["activities"]![2]!["score"] = 11 },
        { "activities[2].score", b => b["activities"]![2]!.AsObject().Remove("score") },
        { "activities[1].name", b => b["activities"]![1]!["name"] = "  " },
        { "activities[1].name", b => b["activities"]![1]!["name"] = new string('x', 81) },
        { "activities[1].name", b => b["activities"]![1]!["name"] = "putting ON socks" },
        { "activities[0].when", b => b["activities"]![0]!["when"] = "today" },
        { "activities[0]", b => b["activities"]![0] = "socks" },
        { "timeZone", b => b["timeZone"] = "Mars/Olympus_Mons" },
        { "timeZone", b => b["timeZone"] = "../../etc/passwd" },
        // Files .NET finds under the zoneinfo folder that are no zone of the tz database (reminders need one).
        { "timeZone", b => b["timeZone"] = "localtime" },
        { "timeZone", b => b["timeZone"] = "posixrules" },
        { "height", b => b["height"] = 180 },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Every_invalid_value_is_a_400_naming_its_field_and_nothing_is_written(string field, Action<JsonObject> spoil)
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "profile-invalid");
        (await PutAsync(person, Body(socks: 2))).Status.ShouldBe(HttpStatusCode.Created);
        var before = (await person.GetAsync(Profile)).Text;

        var body = Body(socks: 9);
        body["baselinePain"] = 8;
        spoil(body);
        (await PutAsync(person, body)).ShouldNameField(field);

        (await person.GetAsync(Profile)).Text.ShouldBe(before);
    }

    [Fact]
    public async Task Without_the_consent_reading_and_writing_are_403()
    {
        using var person = await TestPerson.CreateAsync(server, consent: false, who: "profile-noconsent");
        (await person.GetAsync(Profile)).ShouldBeProblem(HttpStatusCode.Forbidden).GetProperty("title").GetString().ShouldBe("Consent needed");
        (await PutAsync(person, Body())).ShouldBeProblem(HttpStatusCode.Forbidden).GetProperty("title").GetString().ShouldBe("Consent needed");

        // Given, a profile saved, withdrawn: the profile is kept but not read.
        (await person.PostAsync("/api/v1/me/consents/health-data", "")).Status.ShouldBe(HttpStatusCode.Created);
        (await PutAsync(person, Body())).Status.ShouldBe(HttpStatusCode.Created);
        (await person.DeleteAsync("/api/v1/me/consents/health-data")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await person.GetAsync(Profile)).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await person.Anonymous.GetAsync(new Uri(Profile, UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Changed_scores_keep_their_history_and_the_export_holds_the_profile_and_every_rating()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "profile-history");
        (await PutAsync(person, Body(socks: 6))).Status.ShouldBe(HttpStatusCode.Created);
        (await PutAsync(person, Body(socks: 6))).Status.ShouldBe(HttpStatusCode.OK);
        var changed = await PutAsync(person, Body(socks: 3));
        changed.Status.ShouldBe(HttpStatusCode.OK);
        changed.Json.GetProperty("activities").EnumerateArray()
            .Single(a => a.GetProperty("name").GetString() == "Putting on socks").GetProperty("score").GetInt32().ShouldBe(3);

        var files = await person.ExportAsync();
        var export = ConsentTests.ExportDocument(files);
        var profile = export.GetProperty("profiles").EnumerateArray().ShouldHaveSingleItem();
        profile.GetProperty("baselinePain").GetInt32().ShouldBe(4);
        var ratings = export.GetProperty("profileActivities").EnumerateArray()
            .Select(a => (a.GetProperty("name").GetString(), a.GetProperty("score").GetInt32())).ToList();
        ratings.Count.ShouldBe(4, "three first ratings and one change; the same score again adds nothing");
        ratings.Where(r => r.Item1 == "Putting on socks").Select(r => r.Item2).ShouldBe([6, 3]);
        files["csv/profiles.csv"].ShouldContain("lowerBack");
        files["csv/profile-activities.csv"].ShouldContain("Putting on socks");
    }
}
