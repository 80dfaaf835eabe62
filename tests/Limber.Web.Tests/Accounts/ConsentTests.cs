using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Domain.Safety;
using static Limber.Web.Tests.Accounts.AccountApi;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// The health-data consent: without it no screen is stored or read; giving it is idempotent, withdrawing it stops
/// processing at once, and export and deletion work either way. Each change leaves an audit event without health data.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class ConsentTests(AccountServer server)
{
    private const string Consent = "/api/v1/me/consents/health-data";

    /// <summary>Every endpoint that reads or writes health data, as (method, path, body); the id is a made-up one.</summary>
    private static readonly (HttpMethod Method, string Path, JsonObject? Body)[] HealthDataEndpoints =
    [
        (HttpMethod.Post, "/api/v1/me/screens", Screen()),
        (HttpMethod.Get, "/api/v1/me/screens", null),
        (HttpMethod.Get, $"/api/v1/me/screens/{Guid.NewGuid()}", null),
        (HttpMethod.Post, $"/api/v1/me/screens/{Guid.NewGuid()}/confirmation", new JsonObject { ["kind"] = "seen" }),
    ];

    private static async Task ShouldAllNeedConsent(TestPerson person)
    {
        foreach (var (method, path, body) in HealthDataEndpoints)
        {
            var answer = await person.SendAsync(method, path, body);
            var json = answer.ShouldBeProblem(HttpStatusCode.Forbidden);
            json.GetProperty("title").GetString().ShouldBe("Consent needed", answer.ToString());
            json.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("consent");
        }
    }

    [Fact]
    public async Task Without_consent_storing_listing_reading_and_confirming_screens_answer_403_saying_consent_is_needed()
    {
        using var person = await TestPerson.CreateAsync(server);
        await ShouldAllNeedConsent(person);
    }

    [Fact]
    public async Task Without_consent_nothing_is_stored_from_a_screen()
    {
        using var person = await TestPerson.CreateAsync(server);
        (await person.PostAsync("/api/v1/me/screens", EmergencyScreen())).Status.ShouldBe(HttpStatusCode.Forbidden);

        (await person.PostAsync(Consent, "")).Status.ShouldBe(HttpStatusCode.Created);
        (await person.GetAsync("/api/v1/me/screens")).Json.GetProperty("screens").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Giving_consent_answers_201_with_the_purpose_and_version_and_opens_the_screens()
    {
        using var person = await TestPerson.CreateAsync(server);
        var answer = await person.PostAsync(Consent, new JsonObject { ["version"] = ConsentVersion });

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        answer.Headers.Location!.OriginalString.ShouldBe("/api/v1/me");
        var json = answer.Json;
        json.GetProperty("purpose").GetString().ShouldBe("health-data");
        json.GetProperty("version").GetString().ShouldBe(ConsentVersion);
        json.GetProperty("givenAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        (await person.GetAsync("/api/v1/me/screens")).Status.ShouldBe(HttpStatusCode.OK);
        var me = (await person.GetAsync("/api/v1/me")).Json;
        me.GetProperty("healthDataConsent").GetProperty("version").GetString().ShouldBe(ConsentVersion);
        // With consent and no screen yet, routines wait for the first screen.
        var routines = me.GetProperty("routines");
        routines.GetProperty("access").GetString().ShouldBe("pausedUntilSeen");
        routines.GetProperty("routinesAllowed").GetBoolean().ShouldBeFalse();
        routines.GetProperty("ruleId").GetString().ShouldBe(RoutineGate.NotScreenedRule);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"version": null}""")]
    [InlineData("""{"version": "2026-11"}""")]
    public async Task The_consent_body_may_be_empty_or_name_the_version_in_force(string body)
    {
        using var person = await TestPerson.CreateAsync(server);
        (await person.PostAsync(Consent, body)).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Giving_consent_again_changes_nothing()
    {
        using var person = await TestPerson.CreateAsync(server);
        var first = (await person.PostAsync(Consent, "")).Json;
        var second = await person.PostAsync(Consent, new JsonObject { ["version"] = ConsentVersion });

        second.Status.ShouldBe(HttpStatusCode.Created, second.ToString());
        // Within a microsecond: the first answer's exact value is a separate test (the stored time is cut to microseconds).
        var given = first.GetProperty("givenAt").GetDateTimeOffset();
        second.Json.GetProperty("givenAt").GetDateTimeOffset().ShouldBeInRange(given.AddTicks(-10), given.AddTicks(10));
        var third = await person.PostAsync(Consent, "{}");
        third.Json.GetProperty("givenAt").GetString().ShouldBe(second.Json.GetProperty("givenAt").GetString());
        var export = ExportDocument(await person.ExportAsync());
        export.GetProperty("consents").GetArrayLength().ShouldBe(1);
        Actions(export).Count(a => a == "consent.given").ShouldBe(1);
    }

    [Fact]
    public async Task The_consent_answered_when_given_is_the_one_stored()
    {
        using var person = await TestPerson.CreateAsync(server);
        var given = (await person.PostAsync(Consent, "")).Json;
        var stored = (await person.GetAsync("/api/v1/me")).Json.GetProperty("healthDataConsent");

        given.GetProperty("givenAt").GetString().ShouldBe(stored.GetProperty("givenAt").GetString());
    }

    [Theory]
    [InlineData("""{"version": "2025-01"}""", "version")]
    [InlineData("""{"version": ""}""", "version")]
    [InlineData("""{"version": 202611}""", "version")]
    [InlineData("""{"version": "2026-11", "purpose": "marketing"}""", "purpose")]
    public async Task A_wrong_consent_body_is_named_and_gives_no_consent(string body, string field)
    {
        using var person = await TestPerson.CreateAsync(server);
        var json = (await person.PostAsync(Consent, body)).ShouldNameField(field);
        if (field == "version" && body.Contains('"' + "20", StringComparison.Ordinal))
        {
            json.GetProperty("errors").GetProperty("version")[0].GetString().ShouldNotBeNull().ShouldContain("2026-11");
        }

        (await person.GetAsync("/api/v1/me/screens")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await person.GetAsync("/api/v1/me")).Json.TryGetProperty("healthDataConsent", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_consent_body_that_is_not_JSON_is_415()
    {
        using var person = await TestPerson.CreateAsync(server);
        (await person.PostAsync(Consent, "version=2026-11", "application/x-www-form-urlencoded")).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        (await person.GetAsync("/api/v1/me/screens")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Withdrawing_consent_answers_204_and_stops_processing_at_once()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var (screen, _, _) = await person.StoreScreenAsync(EmergencyScreen());
        var id = screen.GetProperty("id").GetGuid();

        var withdrawn = await person.DeleteAsync(Consent);
        withdrawn.Status.ShouldBe(HttpStatusCode.NoContent, withdrawn.ToString());

        await ShouldAllNeedConsent(person);
        // The person's own stored screen is not readable either, nor can it be confirmed.
        (await person.GetAsync($"/api/v1/me/screens/{id}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await person.ConfirmAsync(id, "clearedToExercise")).ShouldBeProblem(HttpStatusCode.Forbidden);
        var me = (await person.GetAsync("/api/v1/me")).Json;
        me.TryGetProperty("healthDataConsent", out _).ShouldBeFalse();
        me.TryGetProperty("routines", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Withdrawing_when_there_is_no_consent_is_204_and_records_nothing()
    {
        using var person = await TestPerson.CreateAsync(server);
        (await person.DeleteAsync(Consent)).Status.ShouldBe(HttpStatusCode.NoContent);
        Actions(ExportDocument(await person.ExportAsync())).ShouldNotContain("consent.withdrawn");
    }

    [Fact]
    public async Task Consent_given_again_after_withdrawing_is_a_new_row_and_the_stored_screens_are_back()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var (screen, _, _) = await person.StoreScreenAsync(UrgentScreen());
        (await person.DeleteAsync(Consent)).Status.ShouldBe(HttpStatusCode.NoContent);
        (await person.PostAsync(Consent, "")).Status.ShouldBe(HttpStatusCode.Created);

        var list = (await person.GetAsync("/api/v1/me/screens")).Json.GetProperty("screens");
        list.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ShouldBe([screen.GetProperty("id").GetGuid()]);
        var consents = ExportDocument(await person.ExportAsync()).GetProperty("consents").EnumerateArray().ToList();
        consents.Count.ShouldBe(2);
        consents.Count(c => c.GetProperty("withdrawnAt").ValueKind == JsonValueKind.Null).ShouldBe(1);
    }

    [Fact]
    public async Task Export_works_without_ever_having_given_consent()
    {
        using var person = await TestPerson.CreateAsync(server);
        var files = await person.ExportAsync();
        ExportDocument(files).GetProperty("account").GetProperty("email").GetString().ShouldBe(person.Email);
    }

    [Fact]
    public async Task Export_and_deletion_work_after_withdrawing_consent()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        var (screen, _, _) = await person.StoreScreenAsync(UrgentScreen());
        (await person.DeleteAsync(Consent)).Status.ShouldBe(HttpStatusCode.NoContent);

        // What was stored with consent is still the person's to take away.
        var export = ExportDocument(await person.ExportAsync());
        export.GetProperty("judgedScreens").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ShouldBe([screen.GetProperty("id").GetGuid()]);

        var deleted = await person.DeleteAsync("/api/v1/me");
        deleted.Status.ShouldBe(HttpStatusCode.OK, deleted.ToString());
        deleted.Json.GetProperty("deletionReference").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Giving_withdrawing_and_exporting_each_leave_an_audit_event_without_the_email_or_any_answer()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true);
        const string note = "Seen by Dr Quillfeather at the walk-in centre";
        var (screen, _, _) = await person.StoreScreenAsync(Screen(age: 63, firstEpisode: true, yes: ["cancer_history", "weight_loss"],
            answers: a => a["both_legs"] = "unsure"));
        (await person.ConfirmAsync(screen.GetProperty("id").GetGuid(), "seen", note)).Status.ShouldBe(HttpStatusCode.Created);
        (await person.DeleteAsync(Consent)).Status.ShouldBe(HttpStatusCode.NoContent);
        (await person.GetAsync("/api/v1/me/export")).Status.ShouldBe(HttpStatusCode.OK);

        var files = await person.ExportAsync();
        var export = ExportDocument(files);
        var actions = Actions(export);
        // Each export is recorded, the one being read included.
        actions.ShouldBe(["consent.given", "consent.withdrawn", "data.exported", "data.exported"]);

        var events = export.GetProperty("auditEvents").EnumerateArray().ToList();
        events.ShouldAllBe(e => e.GetProperty("personId").GetGuid() == person.Id);
        events.ShouldAllBe(e => e.GetProperty("actorKind").GetString() == "Person");
        string[] secrets =
        [
            person.Email, person.Email.Split('@')[0], note, "Quillfeather", "63", "yes", "unsure",
            .. WarningSignScreen.Items.Select(i => i.Id), "urgent", "emergency",
        ];
        var rows = events.Select(e => e.GetRawText()).Concat(files["csv/audit-events.csv"].Split("\r\n").Skip(1)).ToList();
        foreach (var row in rows)
        {
            var withoutIds = RemoveIdsAndTimes(row);
            foreach (var secret in secrets)
            {
                withoutIds.ShouldNotContain(secret, Case.Insensitive, $"an audit event holds '{secret}': {row}");
            }
        }
    }

    internal static JsonElement ExportDocument(IReadOnlyDictionary<string, string> files) =>
        JsonDocument.Parse(files["limber-export.json"]).RootElement.Clone();

    internal static List<string> Actions(JsonElement export) =>
        [.. export.GetProperty("auditEvents").EnumerateArray().Select(e => e.GetProperty("action").GetString()!)];

    // Ids and times hold digits that could spell an age by chance; what they are is checked elsewhere.
    private static string RemoveIdsAndTimes(string row) =>
        System.Text.RegularExpressions.Regex.Replace(row,
            @"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}T[0-9:.]+\+00:00", "");
}
