using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Limber.Domain.Safety;
using Limber.Web.Tests.Accounts;
using static Limber.Web.Tests.Accounts.AccountApi;

namespace Limber.Web.Tests.Safety;

/// <summary>
/// The weekly recheck of the emergency items over the API (safety.md section 3): only those nine questions, on top
/// of the latest complete screen, judged and stored as a recheck; the refusals are MeApi's.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class RecheckApiTests(AccountServer server)
{
    private const string Recheck = "/api/v1/me/screens/recheck";

    /// <summary>Every emergency item answered "no" unless <paramref name="yes"/> says otherwise.</summary>
    internal static JsonObject Answers(params string[] yes)
    {
        var answers = new JsonObject();
        foreach (var item in WarningSignScreen.EmergencyItems)
        {
            answers[item.Id] = yes.Contains(item.Id) ? "yes" : "no";
        }
        return new JsonObject { ["answers"] = answers };
    }

    private static JsonObject AnswersWith(Action<JsonObject> change)
    {
        var body = Answers();
        change(body["answers"]!.AsObject());
        return body;
    }

    private static string KindInExport(IReadOnlyDictionary<string, string> files, Guid screenId) =>
        ConsentTests.ExportDocument(files).GetProperty("judgedScreens").EnumerateArray()
            .Single(s => s.GetProperty("id").GetGuid() == screenId).GetProperty("kind").GetString()!;

    [Fact]
    public void The_recheck_asks_the_nine_emergency_items()
    {
        WarningSignScreen.EmergencyItems.Count.ShouldBe(9);
        WarningSignScreen.EmergencyItems.ShouldAllBe(i => i.YesGives == Disposition.Emergency);
    }

    [Fact]
    public async Task A_recheck_is_stored_as_a_recheck_and_keeps_the_earlier_answers_to_the_other_questions()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "recheck");
        var (full, _, _) = await person.StoreScreenAsync(Screen(age: 54, firstEpisode: true, answers: a =>
        {
            a["cancer_history"] = "unsure";
            a["pain_below_knee"] = "yes";
            a["both_legs"] = "unsure";
        }));

        var answer = await person.PostAsync(Recheck, Answers());

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        var screen = answer.Json.GetProperty("screen");
        var id = screen.GetProperty("id").GetGuid();
        id.ShouldNotBe(full.GetProperty("id").GetGuid());
        answer.Headers.Location!.OriginalString.ShouldBe($"/api/v1/me/screens/{id}");
        screen.GetProperty("age").GetInt32().ShouldBe(54);
        screen.GetProperty("firstEpisode").GetBoolean().ShouldBeTrue();
        screen.GetProperty("rulesVersion").GetString().ShouldBe(WarningSignScreen.RulesVersion);
        var answers = screen.GetProperty("answers");
        answers.EnumerateObject().Count().ShouldBe(WarningSignScreen.Items.Count);
        answers.GetProperty("cancer_history").GetString().ShouldBe("unsure");
        answers.GetProperty("pain_below_knee").GetString().ShouldBe("yes");
        answers.GetProperty("both_legs").GetString().ShouldBe("no", "the emergency answer is the new one");
        // Judged as a whole: the kept answers still count.
        screen.GetProperty("disposition").GetString().ShouldBe("routine");
        screen.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("id").GetString())
            .ShouldBe(["cancer_history", "pain_below_knee", WarningSignScreen.AgeFirstEpisodeId], ignoreOrder: true);
        // The earlier unsure on both_legs paused routines; a calmer recheck does not lift that, only "I was seen" does.
        var routines = answer.Json.GetProperty("routines");
        routines.GetProperty("access").GetString().ShouldBe("pausedUntilSeen");
        routines.GetProperty("holdingScreenId").GetGuid().ShouldBe(full.GetProperty("id").GetGuid());

        // Read back as stored, in the same shape as any stored screen, and marked as a recheck in the export.
        var read = await person.GetAsync($"/api/v1/me/screens/{id}");
        read.Status.ShouldBe(HttpStatusCode.OK, read.ToString());
        read.Json.GetRawText().ShouldBe(screen.GetRawText());
        var export = await person.ExportAsync();
        KindInExport(export, id).ShouldBe("EmergencyRecheck");
        KindInExport(export, full.GetProperty("id").GetGuid()).ShouldBe("Full");
    }

    [Fact]
    public async Task A_yes_to_an_emergency_question_gives_the_emergency_outcome_and_locks_routines()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "recheck-emergency");
        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", Planning.ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
        await person.StoreScreenAsync(Screen());
        (await person.GetAsync("/api/v1/me/routine")).Status.ShouldBe(HttpStatusCode.OK);

        var answer = await person.PostAsync(Recheck, Answers("bladder_change"));

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        var screen = answer.Json.GetProperty("screen");
        screen.GetProperty("disposition").GetString().ShouldBe("emergency");
        screen.GetProperty("confirmationNeeded").GetString().ShouldBe("clearedToExercise");
        screen.GetProperty("reasons")[0].GetProperty("id").GetString().ShouldBe("bladder_change");
        var routines = answer.Json.GetProperty("routines");
        routines.GetProperty("access").GetString().ShouldBe("lockedUntilCleared");
        routines.GetProperty("holdingScreenId").GetGuid().ShouldBe(screen.GetProperty("id").GetGuid());
        (await person.GetAsync("/api/v1/me/routine")).ShouldBeProblem(HttpStatusCode.Conflict)
            .GetProperty("detail").GetString()!.ShouldContain("locked");
    }

    [Fact]
    public async Task Unsure_on_an_emergency_question_gives_urgent_and_pauses_routines()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "recheck-unsure");
        await person.StoreScreenAsync(Screen());

        var answer = await person.PostAsync(Recheck, AnswersWith(a => a["worsening_weakness"] = "unsure"));

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        answer.Json.GetProperty("screen").GetProperty("disposition").GetString().ShouldBe("urgent");
        answer.Json.GetProperty("routines").GetProperty("access").GetString().ShouldBe("pausedUntilSeen");
    }

    [Fact]
    public async Task An_urgent_answer_carried_over_and_already_confirmed_does_not_pause_routines_again_at_the_recheck()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "recheck-carried");
        (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", Planning.ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
        var (screen, _, _) = await person.StoreScreenAsync(Screen(yes: ["cancer_history"]));
        (await person.GetAsync("/api/v1/me/routine")).ShouldBeProblem(HttpStatusCode.Conflict);
        (await person.ConfirmAsync(Guid.Parse(screen.GetProperty("id").GetString()!), "seen")).Status.ShouldBe(HttpStatusCode.Created);
        (await person.GetAsync("/api/v1/me/routine")).Status.ShouldBe(HttpStatusCode.OK);

        var recheck = await person.PostAsync(Recheck, Answers());

        recheck.Status.ShouldBe(HttpStatusCode.Created, recheck.ToString());
        // The stored judgement is the whole screen's, as judged; the gate reads the fresh emergency answers.
        recheck.Json.GetProperty("screen").GetProperty("disposition").GetString().ShouldBe("urgent");
        (await person.GetAsync("/api/v1/me/routine")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_recheck_builds_on_the_latest_screen_even_when_that_was_a_recheck()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "recheck-twice");
        await person.StoreScreenAsync(Screen(answers: a => a["weight_loss"] = "unsure"));
        (await person.PostAsync(Recheck, Answers())).Status.ShouldBe(HttpStatusCode.Created);

        var second = await person.PostAsync(Recheck, Answers());

        second.Status.ShouldBe(HttpStatusCode.Created, second.ToString());
        second.Json.GetProperty("screen").GetProperty("answers").GetProperty("weight_loss").GetString().ShouldBe("unsure");
        (await person.GetAsync("/api/v1/me/screens")).Json.GetProperty("screens").GetArrayLength().ShouldBe(3);
    }

    public static TheoryData<string, string> BadBodies()
    {
        var data = new TheoryData<string, string>();
        var missing = Answers();
        missing["answers"]!.AsObject().Remove("saddle_numbness");
        data.Add(missing.ToJsonString(), "answers.saddle_numbness");
        var blank = Answers();
        blank["answers"]!["fever_very_unwell"] = " ";
        data.Add(blank.ToJsonString(), "answers.fever_very_unwell");
        var other = Answers();
        other["answers"]!["cancer_history"] = "no";
        data.Add(other.ToJsonString(), "answers.cancer_history");
        var unknown = Answers();
        unknown["answers"]!["made_up"] = "no";
        data.Add(unknown.ToJsonString(), "answers.made_up");
        var word = Answers();
        word["answers"]!["both_legs"] = "maybe";
        data.Add(word.ToJsonString(), "answers.both_legs");
        var number = Answers();
        number["answers"]!["major_trauma"] = 0;
        data.Add(number.ToJsonString(), "answers.major_trauma");
        var age = Answers();
        age["age"] = 40;
        data.Add(age.ToJsonString(), "age");
        data.Add("""{"answers": ["no"]}""", "answers");
        data.Add("{}", "answers");
        data.Add("""{"answers": null}""", "answers");
        data.Add("[]", "body");
        data.Add("""{"answers": {""", "body");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_recheck_is_400_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "recheck-bad");
        await person.StoreScreenAsync(Screen());

        var answer = await person.PostAsync(Recheck, body);

        answer.ShouldNameField(field);
        (await person.GetAsync("/api/v1/me/screens")).Json.GetProperty("screens").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Every_unanswered_question_is_named_by_itself()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "recheck-empty");
        await person.StoreScreenAsync(Screen());

        var problem = (await person.PostAsync(Recheck, """{"answers": {}}""")).ShouldBeProblem(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        errors.ShouldBe(WarningSignScreen.EmergencyItems.Select(i => $"answers.{i.Id}"), ignoreOrder: true);
    }

    [Fact]
    public async Task Without_an_earlier_screen_it_is_409_pointing_to_the_full_questions()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "recheck-first");

        var problem = (await person.PostAsync(Recheck, Answers())).ShouldBeProblem(HttpStatusCode.Conflict);

        problem.GetProperty("title").GetString().ShouldBe("Answer the full questions first");
        problem.GetProperty("detail").GetString()!.ShouldContain("/screen");
        problem.GetProperty("screen").GetString().ShouldBe("/screen");
        (await person.GetAsync("/api/v1/me/screens")).Json.GetProperty("screens").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Without_consent_it_is_403_and_nothing_is_stored()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "recheck-withdrawn");
        await person.StoreScreenAsync(Screen());
        (await person.DeleteAsync("/api/v1/me/consents/health-data")).Status.ShouldBe(HttpStatusCode.NoContent);

        (await person.PostAsync(Recheck, Answers("saddle_numbness"))).ShouldBeProblem(HttpStatusCode.Forbidden)
            .GetProperty("title").GetString().ShouldBe("Consent needed");

        (await person.PostAsync("/api/v1/me/consents/health-data", "")).Status.ShouldBe(HttpStatusCode.Created);
        (await person.GetAsync("/api/v1/me/screens")).Json.GetProperty("screens").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Never_having_consented_is_403()
    {
        using var person = await TestPerson.CreateAsync(server, consent: false, who: "recheck-no-consent");
        (await person.PostAsync(Recheck, Answers())).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Not_signed_in_is_401()
    {
        using var person = await TestPerson.CreateAsync(server, consent: true, who: "recheck-anonymous");
        await person.StoreScreenAsync(Screen());

        (await PostAsync(person.Anonymous, Recheck, Answers())).ShouldBeProblem(HttpStatusCode.Unauthorized);

        using var forged = server.CreateHttpClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        (await PostAsync(forged, Recheck, Answers())).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await person.GetAsync("/api/v1/me/screens")).Json.GetProperty("screens").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_recheck()
    {
        using var http = server.CreateHttpClient();
        var document = JsonNode.Parse(await http.GetStringAsync(Path("/openapi/v1.json")))!;
        var post = document["paths"]![Recheck]!["post"]!;
        post["operationId"]!.GetValue<string>().ShouldBe("RecheckEmergencyItems");
        post["summary"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        post["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["201", "400", "401", "403", "409", "413", "415"], ignoreOrder: true);
        post["requestBody"]!["content"]!["application/json"].ShouldNotBeNull();
    }
}

/// <summary>The recheck page as a browser without JavaScript uses it: cookie, antiforgery token, one form.</summary>
[Collection(AccountServerCollection.Name)]
public sealed class RecheckPageTests(AccountServer server) : IDisposable
{
    private const string Page = "/screen/recheck";
    private const string Password = "correct horse battery";

    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Html)> PostAsync(HttpClient http, string path, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var (_, page) = await GetAsync(http, path);
        using var form = new FormUrlEncodedContent([
            new("_handler", handler), new("__RequestVerificationToken", NoScriptBrowsers.TokenIn(page)), .. fields]);
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), form);
        ((int)response.StatusCode).ShouldBeLessThan(500);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A browser signed up through the page, with or without the consent; and its address, to sign in over the API too.</summary>
    private async Task<(HttpClient Http, string Email)> SignedUpAsync(bool consent)
    {
        var http = _browsers.New();
        var email = $"recheck.{Guid.NewGuid():N}@example.org";
        List<KeyValuePair<string, string>> fields = [new("email", email), new("password", Password)];
        if (consent)
        {
            fields.Add(new("healthData", "yes"));
        }
        var (status, _) = await PostAsync(http, "/account/sign-up", "sign-up", fields);
        status.ShouldBe(HttpStatusCode.Redirect);
        return (http, email);
    }

    /// <summary>The full screen through its own page, every answer "no" unless <paramref name="answers"/> says otherwise.</summary>
    private static async Task AnswerFullScreenAsync(HttpClient http, IReadOnlyDictionary<string, string>? answers = null)
    {
        List<KeyValuePair<string, string>> fields = [new("region", "GB"), new("age", "47"), new("firstEpisode", "no")];
        fields.AddRange(WarningSignScreen.Items.Select(i => new KeyValuePair<string, string>($"a.{i.Id}", answers?.GetValueOrDefault(i.Id) ?? "no")));
        var (status, html) = await PostAsync(http, "/screen", "screen", fields);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("Saved to your account");
    }

    private static List<KeyValuePair<string, string>> RecheckAnswers(string? yes = null, string? leaveOut = null) =>
    [
        .. WarningSignScreen.EmergencyItems.Where(i => i.Id != leaveOut)
            .Select(i => new KeyValuePair<string, string>($"a.{i.Id}", i.Id == yes ? "yes" : "no")),
    ];

    private static string MainOf(string html)
    {
        var main = Regex.Match(html, "<main[^>]*>(.*)</main>", RegexOptions.Singleline);
        main.Success.ShouldBeTrue("the page has a main element");
        return WebUtility.HtmlDecode(main.Groups[1].Value);
    }

    /// <summary>The person's stored screens' kinds, oldest first, read from the export over the API.</summary>
    private async Task<List<(string Kind, string Disposition)>> StoredAsync(string email)
    {
        using var http = server.CreateHttpClient();
        var tokens = await AccountApi.PostAsync(http, "/api/v1/auth/login", Credentials(email, Password));
        tokens.Status.ShouldBe(HttpStatusCode.OK, tokens.ToString());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Json.GetProperty("accessToken").GetString());
        var export = await AccountApi.GetAsync(http, "/api/v1/me/export");
        export.Status.ShouldBe(HttpStatusCode.OK, export.ToString());
        return
        [
            .. ConsentTests.ExportDocument(ReadZip(export.Bytes)).GetProperty("judgedScreens").EnumerateArray()
                .Select(s => (s.GetProperty("kind").GetString()!, s.GetProperty("disposition").GetString()!)),
        ];
    }

    [Fact]
    public async Task The_page_needs_a_sign_in()
    {
        var (status, _) = await GetAsync(_browsers.New(), Page);
        status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Without_the_consent_the_page_says_so_with_one_link_to_the_account_page()
    {
        var (http, _) = await SignedUpAsync(consent: false);
        var (status, html) = await GetAsync(http, Page);

        status.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("only with your consent");
        main.ShouldContain("href=\"/account#consent\"");
        main.ShouldNotContain("<form");
    }

    [Fact]
    public async Task Without_an_earlier_screen_the_page_links_to_the_full_questions()
    {
        var (http, _) = await SignedUpAsync(consent: true);
        var (status, html) = await GetAsync(http, Page);

        status.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("Answer the full warning-sign questions first");
        main.ShouldContain("href=\"/screen\"");
        main.ShouldNotContain("<form");
    }

    [Fact]
    public async Task The_page_asks_only_the_emergency_questions_and_says_why()
    {
        var (http, _) = await SignedUpAsync(consent: true);
        await AnswerFullScreenAsync(http);

        var (status, html) = await GetAsync(http, Page);

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldNotContain("<script src=\"_framework", Case.Insensitive);
        var main = MainOf(html);
        main.ShouldContain("Once a week while your program runs, the most important questions are asked again. It takes under a minute.");
        Regex.Count(main, "<fieldset").ShouldBe(WarningSignScreen.EmergencyItems.Count);
        foreach (var item in WarningSignScreen.EmergencyItems)
        {
            main.ShouldContain($"<legend>{item.Question}</legend>");
            Regex.Count(main, $"type=\"radio\" name=\"a\\.{item.Id}\"").ShouldBe(3);
        }
        main.ShouldNotContain("name=\"a.cancer_history\"");
        main.ShouldNotContain("name=\"age\"");
        Regex.IsMatch(main, "<input[^>]*\\schecked").ShouldBeFalse("nothing is answered for the person");
    }

    [Fact]
    public async Task Answering_stores_a_recheck_and_shows_the_outcome_with_a_link_back_to_today()
    {
        var (http, email) = await SignedUpAsync(consent: true);
        await AnswerFullScreenAsync(http, new Dictionary<string, string> { ["cancer_history"] = "unsure" });

        var (status, html) = await PostAsync(http, Page, "screen-recheck", RecheckAnswers());

        status.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("Book an appointment", Case.Sensitive, "the kept unsure answer still counts");
        main.ShouldContain("Saved to your account");
        main.ShouldContain("href=\"/today\"");
        main.ShouldNotContain("<form");
        main.ShouldNotContain("all clear", Case.Insensitive);
        (await StoredAsync(email)).ShouldBe([("Full", "Routine"), ("EmergencyRecheck", "Routine")]);
    }

    [Fact]
    public async Task A_yes_shows_the_emergency_outcome_with_the_number_and_locks_routines()
    {
        var (http, email) = await SignedUpAsync(consent: true);
        await AnswerFullScreenAsync(http);

        var (status, html) = await PostAsync(http, Page, "screen-recheck", RecheckAnswers(yes: "saddle_numbness"));

        status.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("<h1 id=\"outcome-heading\">Call 999 now, or go to A&E");
        main.ShouldContain("You said you have new numbness");
        main.ShouldContain("href=\"/account#screens\"");
        main.ShouldContain("href=\"/today\"");
        (await StoredAsync(email)).ShouldBe([("Full", "None"), ("EmergencyRecheck", "Emergency")]);
    }

    [Fact]
    public async Task An_unanswered_question_is_named_at_the_top_and_at_the_question_and_nothing_is_stored()
    {
        var (http, email) = await SignedUpAsync(consent: true);
        await AnswerFullScreenAsync(http);
        var answers = RecheckAnswers(leaveOut: "both_legs");
        answers.RemoveAll(a => a.Key == "a.bowel_change");
        answers.Add(new("a.bowel_change", "sometimes"));

        var (status, html) = await PostAsync(http, Page, "screen-recheck", answers);

        status.ShouldBe(HttpStatusCode.BadRequest);
        var main = MainOf(html);
        var summary = Regex.Match(main, "<div class=\"alert\" role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        summary.Success.ShouldBeTrue("an error summary at the top");
        var bothLegs = WarningSignScreen.EmergencyItems.Single(i => i.Id == "both_legs");
        summary.Groups[1].Value.ShouldContain($"href=\"screen/recheck#q-both_legs\">Please answer: {bothLegs.Question}");
        summary.Groups[1].Value.ShouldContain("href=\"screen/recheck#q-bowel_change\"");
        summary.Groups[1].Value.ShouldNotContain("q-saddle_numbness");
        foreach (var id in new[] { "both_legs", "bowel_change" })
        {
            main.ShouldContain($"<p class=\"field-error\" id=\"q-{id}-error\">");
            Regex.IsMatch(main, $"id=\"q-{id}\"[^>]*aria-describedby=\"x-{id} q-{id}-error\"").ShouldBeTrue($"{id} points at its message");
        }
        // The answers given stay chosen.
        Regex.IsMatch(main, "name=\"a\\.saddle_numbness\" value=\"no\"[^>]*checked").ShouldBeTrue();
        (await StoredAsync(email)).ShouldBe([("Full", "None")]);
    }
}
