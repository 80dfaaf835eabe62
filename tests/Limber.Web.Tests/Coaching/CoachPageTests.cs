using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Limber.Storage;
using Limber.Web.Tests.Accounts;
using static Limber.Web.Tests.Coaching.Coaches;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// The coach pages as a browser without JavaScript sees them: the dashboard (/coach) with its table, flags in words and a
/// link per client, its empty state, a client's page with what is shared and "Not shared by your client" for the rest,
/// the FHIR download, the "Coaching" link in the menu for coaches only, and plain 403 and 404 pages.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class CoachPageTests(AccountServer server) : IDisposable
{
    private const string Password = "correct horse battery";
    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    /// <summary>A browser signed in through the pages, and the person's account id.</summary>
    private async Task<(HttpClient Browser, Guid Id)> SignedUpAsync(string who)
    {
        var browser = _browsers.New();
        var email = AccountApi.NewEmail(who);
        await NoScriptBrowsers.SignUpAsync(browser, email, Password, consent: true);
        var api = _browsers.New();
        var tokens = await AccountApi.PostAsync(api, "/api/v1/auth/login", AccountApi.Credentials(email, Password));
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Json.GetProperty("accessToken").GetString());
        return (browser, (await AccountApi.GetAsync(api, "/api/v1/me")).Json.GetProperty("id").GetGuid());
    }

    /// <summary>A coach signed in with the page's cookie, with an organisation of their own (as its administrator unless told).</summary>
    private async Task<(HttpClient Browser, Guid Id, Guid OrganisationId)> CoachBrowserAsync(bool admin = true)
    {
        var (browser, id) = await SignedUpAsync("coach-page");
        var organisation = (await WithAsync(server, (CoachRecords c) => c.CreateOrganisationAsync($"Practice {Guid.NewGuid():N}", id, "Coach on the page")))
            .ShouldNotBeNull();
        if (!admin)
        {
            await WithAsync(server, (CoachRecords c) => c.SetMemberAsync(organisation.Id, id, "Coach on the page", isCoach: true, isAdmin: false));
        }
        return (browser, id, organisation.Id);
    }

    [Fact]
    public async Task The_dashboard_is_for_signed_in_coaches_and_the_menu_shows_Coaching_to_them_only()
    {
        var (status, _) = await NoScriptBrowsers.GetAsync(_browsers.New(), "/coach");
        status.ShouldBe(HttpStatusCode.Redirect);

        var (plain, _) = await SignedUpAsync("not-a-coach");
        var (refused, html) = await NoScriptBrowsers.GetAsync(plain, "/coach");
        refused.ShouldBe(HttpStatusCode.Forbidden);
        html.ShouldContain("<h1>For coaches</h1>");
        html.ShouldNotContain(">Coaching</a>");
        var (refusedClient, clientHtml) = await NoScriptBrowsers.GetAsync(plain, $"/coach/clients/{Guid.NewGuid()}");
        refusedClient.ShouldBe(HttpStatusCode.Forbidden);
        clientHtml.ShouldContain("<h1>For coaches</h1>");

        var (coach, _, _) = await CoachBrowserAsync();
        var (ok, empty) = await NoScriptBrowsers.GetAsync(coach, "/coach");
        ok.ShouldBe(HttpStatusCode.OK);
        empty.ShouldContain("<li><a href=\"/coach\">Coaching</a></li>");
        empty.ShouldContain("You have no clients yet.");
        empty.ShouldContain("<a href=\"/coach/invite\">Invite a client</a>");
        empty.ShouldContain("<a href=\"/organisation\">your organisation's page</a>");
        var (_, exercises) = await NoScriptBrowsers.GetAsync(coach, "/exercises");
        exercises.ShouldContain("<li><a href=\"/coach\">Coaching</a></li>", customMessage: "the menu of every page");

        var (notAdmin, _, _) = await CoachBrowserAsync(admin: false);
        var (_, noOrganisation) = await NoScriptBrowsers.GetAsync(notAdmin, "/coach");
        noOrganisation.ShouldContain("You have no clients yet.");
        noOrganisation.ShouldNotContain("href=\"/organisation\"");
    }

    [Fact]
    public async Task The_dashboard_lists_each_client_with_flags_in_words_and_not_shared_for_what_is_not_shared()
    {
        var (coach, coachId, organisationId) = await CoachBrowserAsync();
        using var urgent = await ClientAsync(server, "page-urgent");
        await urgent.StoreScreenAsync(AccountApi.UrgentScreen());
        await LinkAsync(server, coachId, organisationId, urgent.Id, "Jo, Tuesday class");
        using var quiet = await ClientAsync(server, "page-quiet");
        await LinkAsync(server, coachId, organisationId, quiet.Id, "Sam <quiet>", CoachShares.None);

        var (status, page) = await NoScriptBrowsers.GetAsync(coach, "/coach");
        status.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(page);
        html.ShouldContain("<table class=\"clients\">");
        html.ShouldContain("<caption>2 clients, the one who needs attention most first</caption>");
        html.ShouldContain($"href=\"/coach/clients/{urgent.Id:D}\">Jo, Tuesday class</a>");
        page.ShouldContain("Sam &lt;quiet&gt;", customMessage: "a label is text, never markup");
        html.IndexOf("Jo, Tuesday class", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("Sam <quiet>", StringComparison.Ordinal));
        // A flag is words, with an icon that screen readers skip: never a colour alone.
        html.ShouldContain("<li class=\"flag flag-high\"><svg class=\"flag-icon\" viewBox=\"0 0 20 20\" aria-hidden=\"true\" focusable=\"false\">");
        html.ShouldContain("Warning signs: told to see a doctor within 24–48 hours; not yet confirmed seen");
        html.ShouldContain("Not shared by your client");
        html.ShouldContain("Shares nothing at the moment");
        html.ShouldContain("data-label=\"Pain\"");
        page.ShouldNotContain("style=");
        (await ViewsAsync(server, quiet.Id)).Count.ShouldBe(1, "the page's look is logged as the API's is");
    }

    [Fact]
    public async Task A_clients_page_shows_what_they_share_and_says_what_they_do_not()
    {
        var (coach, coachId, organisationId) = await CoachBrowserAsync();
        using var client = await ClientAsync(server, "page-client");
        (await client.PostAsync("/api/v1/me/checkins", Planning.CheckInApiTests.Body(painNow: 3))).Status.ShouldBe(HttpStatusCode.Created);
        var routine = await RoutineAsync(client);
        await SessionAsync(client, routine, Today, stops: new JsonArray(new JsonObject
        {
            ["exerciseId"] = routine.GetProperty("items")[0].GetProperty("exerciseId").GetString(),
            ["symptom"] = "sharpPain", ["at"] = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("O"),
        }));
        var link = await LinkAsync(server, coachId, organisationId, client.Id, "Alex", new CoachShares(true, true, false, false));
        var path = $"/coach/clients/{client.Id:D}";

        var (status, html) = await NoScriptBrowsers.GetAsync(coach, path);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<h1>Alex</h1>");
        html.ShouldContain("Shares progress and sessions");
        html.ShouldContain("aria-labelledby=\"pain-title pain-desc\"");
        html.ShouldContain("<caption>Pain each day, 0 to 10</caption>");
        html.ShouldContain("Reported: sharp, stabbing or electric pain");
        html.ShouldContain("about right");
        html.ShouldContain("Stopped once in the last 14 days");
        html.ShouldContain("<h2 id=\"screens-heading\">Warning-sign screens</h2>");
        html.ShouldContain("Program: <span class=\"not-shared\">Not shared by your client</span>");
        html.ShouldContain($"href=\"{path}/export/fhir\" download");
        html.ShouldNotContain("style=");
        html.ShouldNotContain(client.Email);
        (await ViewsAsync(server, client.Id)).Reverse().ShouldBe(
            new[] { "summary", "progress", "sessions" }.Select(what => $"{CoachRecords.Subject(link.Id)}/{what}"));

        using (var download = await coach.GetAsync(new Uri(path + "/export/fhir", UriKind.Relative)))
        {
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            download.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
            download.Content.Headers.ContentDisposition!.FileName!.ShouldContain("limber-client-");
            var bundle = await download.Content.ReadAsStringAsync();
            bundle.ShouldContain("72514-3");
            bundle.ShouldNotContain("QuestionnaireResponse");
        }

        await ShareAsync(server, link, new CoachShares(false, false, true, true));
        var (_, other) = await NoScriptBrowsers.GetAsync(coach, path);
        other.ShouldContain($"<a href=\"{path}/program\">Their program and doses</a>");
        other.ShouldNotContain("aria-labelledby=\"pain-title pain-desc\"");
        other.ShouldContain(": No warning signs reported");
        other.ShouldContain("Their routines continue.");
    }

    [Fact]
    public async Task An_unknown_or_unlinked_client_is_a_plain_404_page()
    {
        var (coach, _, _) = await CoachBrowserAsync();
        using var stranger = await ClientAsync(server, "page-stranger");
        foreach (var path in new[] { $"/coach/clients/{stranger.Id:D}", $"/coach/clients/{Guid.NewGuid():D}", "/coach/clients/not-an-id" })
        {
            var (status, html) = await NoScriptBrowsers.GetAsync(coach, path);
            status.ShouldBe(HttpStatusCode.NotFound, path);
            html.ShouldContain("<h1>No such client</h1>", customMessage: path);
            html.ShouldContain("<a href=\"/coach\">Back to your clients</a>", customMessage: path);
        }
        using var download = await coach.GetAsync(new Uri($"/coach/clients/{stranger.Id:D}/export/fhir", UriKind.Relative));
        download.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ViewsAsync(server, stranger.Id)).ShouldBeEmpty();
    }
}
