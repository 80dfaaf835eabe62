using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Limber.Storage;
using Limber.Web.Tests.Accounts;
using Limber.Web.Tests.Reminders;
using Microsoft.Extensions.DependencyInjection;
using static Limber.Web.Tests.Coaching.CoachLinkSteps;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// The coaching-link pages as a browser without JavaScript uses them: the invitation link (/join/{secret}) for someone
/// signed out, without consent and ready to accept; the client's coaches page (shares, ending with a confirmation step,
/// who looked); the coach's invitation page; the organisation page. Every form posts and comes back as a page, a bad
/// post names its field, and nothing on them uses the words Limber avoids.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed partial class CoachLinkPageTests(AccountServer server) : IDisposable
{
    private readonly NoScriptBrowsers _browsers = new(server);
    private readonly List<string> _pages = [];

    public void Dispose() => _browsers.Dispose();

    /// <summary>Someone signed up through the pages: their browser, an API client as them, and their account id.</summary>
    private sealed record Visitor(HttpClient Browser, HttpClient Api, Guid Id, string Email);

    private async Task<Visitor> VisitorAsync(bool consent = true)
    {
        var (browser, api) = await ReminderPageTests.SignedUpAsync(_browsers, consent);
        var me = await AccountApi.GetAsync(api, "/api/v1/me");
        return new Visitor(browser, api, me.Json.GetProperty("id").GetGuid(), me.Json.GetProperty("email").GetString()!);
    }

    /// <summary>A visitor made administrator and coach of a new organisation.</summary>
    private async Task<(Visitor Coach, Guid OrganisationId, string OrganisationName)> CoachVisitorAsync()
    {
        var coach = await VisitorAsync();
        var name = $"Hip Club {Guid.NewGuid():N}"[..21];
        await using var scope = server.Services.CreateAsyncScope();
        var organisation = await scope.ServiceProvider.GetRequiredService<CoachRecords>().CreateOrganisationAsync(name, coach.Id, "Sam Patel");
        return (coach, organisation!.Id, name);
    }

    private static async Task<string> NewInviteAsync(Visitor coach, string? label = null)
    {
        var answer = await AccountApi.PostAsync(coach.Api, "/api/v1/coach/invites", label is null ? "" : $$"""{"label":"{{label}}"}""");
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        var url = answer.Json.GetProperty("url").GetString()!;
        return url[(url.LastIndexOf('/') + 1)..];
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient browser, string path)
    {
        var (status, html) = await NoScriptBrowsers.GetAsync(browser, path);
        _pages.Add(html);
        return (status, html);
    }

    private async Task<(HttpStatusCode Status, string Html)> PostAsync(
        HttpClient browser, string path, string handler, string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var (status, html) = await NoScriptBrowsers.PostAsync(browser, path, handler, page, fields);
        _pages.Add(html);
        return (status, html);
    }

    private static string MainOf(string html) => ReminderPageTests.MainOf(html);

    /// <summary>An acceptance over the API sharing progress only.</summary>
    private static System.Text.Json.Nodes.JsonObject AcceptBody(string secret) => new() { ["invite"] = secret, ["shares"] = Shares(progress: true) };

    private static IEnumerable<KeyValuePair<string, string>> Ticked(params string[] kinds) => kinds.Select(k => new KeyValuePair<string, string>("shares", k));

    private static async Task<JsonElement[]> LinksOfAsync(Visitor client)
    {
        var answer = await AccountApi.GetAsync(client.Api, "/api/v1/me/coaches");
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        return [.. answer.Json.GetProperty("coaches").EnumerateArray()];
    }

    [Fact]
    public async Task Someone_signed_out_sees_who_invites_what_each_kind_means_and_signs_in_to_come_back_here()
    {
        var (coach, _, organisation) = await CoachVisitorAsync();
        var secret = await NewInviteAsync(coach);
        var browser = _browsers.New();

        using (var response = await browser.GetAsync(new Uri($"/join/{secret}", UriKind.Relative)))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue("the page carries the secret");
            var main = MainOf(await response.Content.ReadAsStringAsync());
            main.ShouldContain("<h1>An invitation from Sam Patel</h1>");
            main.ShouldContain($"Sam Patel at {organisation} invites you to link with them");
            main.ShouldContain($"href=\"/account/sign-in?returnUrl=%2Fjoin%2F{secret}\"");
            main.ShouldContain("Your daily check-ins, your pain and stiffness scores, your everyday-activity scores");
            main.ShouldContain("The sessions you do, how each exercise felt, and any session you stopped");
            main.ShouldContain("The outcome of each warning-sign screen you answer, and the reasons for it.");
            main.ShouldContain("Your program and the dose of each exercise. Your coach may also change them for you.");
            ReminderPageTests.HasForm(main, "accept").ShouldBeFalse();
        }

        // Signing in from there comes back to the invitation.
        var client = await VisitorAsync();
        var signedOut = _browsers.New();
        var (_, signIn) = await GetAsync(signedOut, $"/account/sign-in?returnUrl=%2Fjoin%2F{secret}");
        using var form = new FormUrlEncodedContent([
            new("_handler", "sign-in"), new("__RequestVerificationToken", NoScriptBrowsers.TokenIn(signIn)),
            new("email", client.Email), new("password", "correct horse battery")]);
        using var signedIn = await signedOut.PostAsync(new Uri($"/account/sign-in?returnUrl=%2Fjoin%2F{secret}", UriKind.Relative), form);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldEndWith($"/join/{secret}");
        var (_, page) = await GetAsync(signedOut, $"/join/{secret}");
        ReminderPageTests.HasForm(page, "accept").ShouldBeTrue();
    }

    [Fact]
    public async Task An_unknown_invitation_link_is_a_kind_404_page()
    {
        var (status, html) = await GetAsync(_browsers.New(), "/join/this-is-not-an-invitation");
        status.ShouldBe(HttpStatusCode.NotFound);
        MainOf(html).ShouldContain("<h1>Invitation not found</h1>");
        MainOf(html).ShouldContain("This invitation link is not known.");
    }

    [Fact]
    public async Task Without_the_health_data_consent_the_page_says_so_and_where_to_give_it()
    {
        var (coach, _, _) = await CoachVisitorAsync();
        var secret = await NewInviteAsync(coach);
        var client = await VisitorAsync(consent: false);

        var (status, html) = await GetAsync(client.Browser, $"/join/{secret}");

        status.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("Your consent comes first");
        main.ShouldContain("href=\"/account#consent\"");
        ReminderPageTests.HasForm(html, "accept").ShouldBeFalse();
    }

    [Fact]
    public async Task A_client_ticks_what_to_share_accepts_and_lands_on_their_coaches_page()
    {
        var (coach, _, organisation) = await CoachVisitorAsync();
        var secret = await NewInviteAsync(coach, "Ana");
        var client = await VisitorAsync();

        var (status, page) = await GetAsync(client.Browser, $"/join/{secret}");
        status.ShouldBe(HttpStatusCode.OK);
        ReminderPageTests.HasForm(page, "accept").ShouldBeTrue();
        var boxes = CheckBoxes().Matches(page).Select(m => m.Value).ToList();
        boxes.Count.ShouldBe(4);
        boxes.ShouldAllBe(b => !b.Contains(" checked", StringComparison.Ordinal), "nothing is shared until it is ticked");
        MainOf(page).ShouldNotContain("Ana", Case.Sensitive, "the coach's note is the coach's own");

        var (posted, _) = await PostAsync(client.Browser, $"/join/{secret}", "accept", page, Ticked("progress", "program"));

        posted.ShouldBe(HttpStatusCode.Redirect);
        var (_, coaches) = await GetAsync(client.Browser, "/account/coaches?linked=1");
        var main = MainOf(coaches);
        main.ShouldContain("You are linked with Sam Patel. They may see your progress and your program.");
        main.ShouldContain($"{organisation}. Linked since");
        var link = (await LinksOfAsync(client)).Single();
        link.GetProperty("shares").GetRawText().ShouldBe("""{"progress":true,"sessions":false,"screens":false,"program":true}""");

        // The link again, now used: the person who accepted it is told they are linked.
        var (again, html) = await GetAsync(client.Browser, $"/join/{secret}");
        again.ShouldBe(HttpStatusCode.OK);
        MainOf(html).ShouldContain("You are linked with Sam Patel");
    }

    [Fact]
    public async Task A_forged_kind_is_refused_at_the_field_and_nothing_is_linked()
    {
        var (coach, _, _) = await CoachVisitorAsync();
        var secret = await NewInviteAsync(coach);
        var client = await VisitorAsync();
        var (_, page) = await GetAsync(client.Browser, $"/join/{secret}");

        var (status, html) = await PostAsync(client.Browser, $"/join/{secret}", "accept", page, Ticked("progress", "diary"));

        status.ShouldBe(HttpStatusCode.BadRequest);
        var main = MainOf(html);
        main.ShouldContain("role=\"alert\"");
        main.ShouldContain($"href=\"/join/{secret}#shares\"");
        main.ShouldContain("<p class=\"field-error\" id=\"shares-error\">Tick only the kinds of data listed here.</p>");
        (await LinksOfAsync(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Used_expired_withdrawn_own_and_second_invitations_each_get_a_kind_page_saying_so()
    {
        var (coach, _, _) = await CoachVisitorAsync();
        var ana = await VisitorAsync();
        var ben = await VisitorAsync();
        var used = await NewInviteAsync(coach);
        (await AccountApi.PostAsync(ana.Api, "/api/v1/me/coaches", AcceptBody(used)))
            .Status.ShouldBe(HttpStatusCode.Created);

        var (status, html) = await GetAsync(ben.Browser, $"/join/{used}");
        (status, MainOf(html).Contains("This invitation has already been used", StringComparison.Ordinal)).ShouldBe((HttpStatusCode.Gone, true));
        ReminderPageTests.HasForm(html, "accept").ShouldBeFalse();

        var expired = await NewInviteAsync(coach);
        var expiredId = (await AccountApi.GetAsync(coach.Api, "/api/v1/coach/invites")).Json.GetProperty("invites")[0].GetProperty("id").GetGuid();
        await ExpireAsync(server, expiredId);
        (status, html) = await GetAsync(ben.Browser, $"/join/{expired}");
        (status, MainOf(html).Contains("This invitation has expired", StringComparison.Ordinal)).ShouldBe((HttpStatusCode.Gone, true));

        var withdrawn = await NewInviteAsync(coach);
        var withdrawnId = (await AccountApi.GetAsync(coach.Api, "/api/v1/coach/invites")).Json.GetProperty("invites")[0].GetProperty("id").GetGuid();
        (await AccountApi.DeleteAsync(coach.Api, $"/api/v1/coach/invites/{withdrawnId}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (status, html) = await GetAsync(ben.Browser, $"/join/{withdrawn}");
        (status, MainOf(html).Contains("Sam Patel has withdrawn this invitation", StringComparison.Ordinal)).ShouldBe((HttpStatusCode.Gone, true));

        var open = await NewInviteAsync(coach);
        (status, html) = await GetAsync(coach.Browser, $"/join/{open}");
        (status, MainOf(html).Contains("This is your own invitation", StringComparison.Ordinal)).ShouldBe((HttpStatusCode.BadRequest, true));
        (status, html) = await GetAsync(ana.Browser, $"/join/{open}");
        (status, MainOf(html).Contains("You are already linked with Sam Patel", StringComparison.Ordinal)).ShouldBe((HttpStatusCode.Conflict, true));
        ReminderPageTests.HasForm(html, "accept").ShouldBeFalse();
    }

    [Fact]
    public async Task On_the_coaches_page_a_client_changes_what_a_coach_sees_ends_the_link_after_confirming_and_sees_who_looked()
    {
        var (coach, _, _) = await CoachVisitorAsync();
        var client = await VisitorAsync();
        var secret = await NewInviteAsync(coach);
        (await AccountApi.PostAsync(client.Api, "/api/v1/me/coaches", AcceptBody(secret)))
            .Status.ShouldBe(HttpStatusCode.Created);
        var linkId = (await LinksOfAsync(client)).Single().GetProperty("id").GetGuid();
        var key = linkId.ToString("N");

        var (_, page) = await GetAsync(client.Browser, "/account/coaches");
        MainOf(page).ShouldContain("They may see your progress.");
        var (saved, html) = await PostAsync(client.Browser, "/account/coaches", $"shares-{key}", page, Ticked("sessions", "screens"));
        saved.ShouldBe(HttpStatusCode.OK);
        MainOf(html).ShouldContain("Saved. Sam Patel may now see your sessions and your warning-sign screens.");
        (await LinksOfAsync(client)).Single().GetProperty("shares").GetRawText()
            .ShouldBe("""{"progress":false,"sessions":true,"screens":true,"program":false}""");

        var (bad, badHtml) = await PostAsync(client.Browser, "/account/coaches", $"shares-{key}", html, Ticked("everything"));
        bad.ShouldBe(HttpStatusCode.BadRequest);
        MainOf(badHtml).ShouldContain($"<p class=\"field-error\" id=\"shares-{key}-error\">Tick only the kinds of data listed here.</p>");

        // "End this link" asks first, on a page of its own; keeping it is a plain link back.
        MainOf(html).ShouldContain($"href=\"/account/coaches?end={linkId}#confirm-end\"");
        var (_, confirm) = await GetAsync(client.Browser, $"/account/coaches?end={linkId}");
        MainOf(confirm).ShouldContain("End your link with Sam Patel?");
        ReminderPageTests.HasForm(confirm, $"end-{key}").ShouldBeTrue();
        (await LinksOfAsync(client)).Single().TryGetProperty("endedAt", out _).ShouldBeFalse("asking ends nothing");

        var (ended, endedHtml) = await PostAsync(client.Browser, $"/account/coaches?end={linkId}", $"end-{key}", confirm, []);
        ended.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(endedHtml);
        main.ShouldContain("Your link with Sam Patel has ended. They can no longer see any of your data.");
        main.ShouldContain("<h2 id=\"ended-heading\">Ended links</h2>");
        main.ShouldContain("You ended this link on");
        main.ShouldContain("You have no coach.");
        ReminderPageTests.HasForm(endedHtml, $"end-{key}").ShouldBeFalse();
        (await LinksOfAsync(client)).Single().GetProperty("endedBy").GetString().ShouldBe("client");

        var activity = Regex.Match(main, "<section aria-labelledby=\"activity-heading\".*?</section>", RegexOptions.Singleline).Value;
        activity.ShouldContain("You ended your link with Sam Patel.");
        activity.ShouldContain("You changed what Sam Patel may see: your sessions and your warning-sign screens.");
        activity.ShouldContain("You linked with Sam Patel at ");
        activity.IndexOf("You ended", StringComparison.Ordinal).ShouldBeLessThan(activity.IndexOf("You linked", StringComparison.Ordinal), "newest first");
    }

    [Fact]
    public async Task The_account_page_leads_to_the_coaches_page()
    {
        var client = await VisitorAsync();
        var (_, html) = await GetAsync(client.Browser, "/account");
        MainOf(html).ShouldContain("<a href=\"/account/coaches\">Your coaches and who looked at your data</a>");
    }

    [Fact]
    public async Task A_coach_makes_an_invitation_on_the_page_sees_its_link_and_qr_code_and_withdraws_it()
    {
        var (coach, _, _) = await CoachVisitorAsync();
        var (status, page) = await GetAsync(coach.Browser, "/coach/invite");
        status.ShouldBe(HttpStatusCode.OK);
        MainOf(page).ShouldContain("Invitations not used yet");

        var (tooLong, longHtml) = await PostAsync(coach.Browser, "/coach/invite", "invite", page, [new("label", new string('x', 81))]);
        tooLong.ShouldBe(HttpStatusCode.BadRequest);
        MainOf(longHtml).ShouldContain("<p class=\"field-error\" id=\"label-error\">The note can be at most 80 characters.</p>");
        (await AccountApi.GetAsync(coach.Api, "/api/v1/coach/invites")).Json.GetProperty("invites").GetArrayLength().ShouldBe(0);

        var (made, html) = await PostAsync(coach.Browser, "/coach/invite", "invite", page, [new("label", "Ana, Tuesday")]);
        made.ShouldBe(HttpStatusCode.OK);
        var main = MainOf(html);
        main.ShouldContain("Your invitation is ready.");
        var url = ReminderPageTests.ValueOf(html, "invite-url")!;
        url.ShouldStartWith(server.Url("/join/"));
        main.ShouldContain("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        main.ShouldContain("aria-label=\"QR code of the invitation link\"");
        main.ShouldContain("<strong>Ana, Tuesday</strong>, made");
        var secret = url[(url.LastIndexOf('/') + 1)..];
        (await AccountApi.GetAsync(coach.Api, $"/api/v1/invites/{secret}")).Json.GetProperty("state").GetString().ShouldBe("open");

        var id = (await AccountApi.GetAsync(coach.Api, "/api/v1/coach/invites")).Json.GetProperty("invites")[0].GetProperty("id").GetGuid();
        var (withdrawn, after) = await PostAsync(coach.Browser, "/coach/invite", $"withdraw-{id:N}", html, []);
        withdrawn.ShouldBe(HttpStatusCode.OK);
        MainOf(after).ShouldContain("The invitation is withdrawn: its link no longer works.");
        MainOf(after).ShouldNotContain("Ana, Tuesday");
        (await AccountApi.GetAsync(coach.Api, $"/api/v1/invites/{secret}")).Json.GetProperty("state").GetString().ShouldBe("withdrawn");
    }

    [Fact]
    public async Task Someone_who_is_not_a_coach_is_told_the_invitation_page_is_for_coaches()
    {
        var plain = await VisitorAsync();
        var (status, html) = await GetAsync(plain.Browser, "/coach/invite");
        status.ShouldBe(HttpStatusCode.Forbidden);
        MainOf(html).ShouldContain("This page is for coaches.");
        ReminderPageTests.HasForm(html, "invite").ShouldBeFalse();
    }

    [Fact]
    public async Task An_administrator_adds_a_coach_changes_roles_and_removes_them_after_confirming()
    {
        var (admin, organisationId, organisationName) = await CoachVisitorAsync();
        var jo = await VisitorAsync();
        var client = await VisitorAsync();
        var path = $"/organisation/{organisationId}";

        var (status, page) = await GetAsync(admin.Browser, "/organisation");
        status.ShouldBe(HttpStatusCode.OK);
        MainOf(page).ShouldContain($"<h1>{organisationName}</h1>");
        MainOf(page).ShouldContain("Sam Patel (you)");

        var (unknown, unknownHtml) = await PostAsync(admin.Browser, path, "add", page,
            [new("email", AccountApi.NewEmail("nobody")), new("displayName", "Jo Lee"), new("isCoach", "yes")]);
        unknown.ShouldBe(HttpStatusCode.BadRequest);
        MainOf(unknownHtml).ShouldContain("<p class=\"field-error\" id=\"email-error\">No Limber account uses this e-mail address.");

        var (noRole, noRoleHtml) = await PostAsync(admin.Browser, path, "add", page, [new("email", jo.Email), new("displayName", "")]);
        noRole.ShouldBe(HttpStatusCode.BadRequest);
        MainOf(noRoleHtml).ShouldContain("id=\"displayName-error\"");
        MainOf(noRoleHtml).ShouldContain("id=\"isCoach-error\"");

        var (added, addedHtml) = await PostAsync(admin.Browser, path, "add", page, [new("email", jo.Email), new("displayName", "Jo Lee"), new("isCoach", "yes")]);
        added.ShouldBe(HttpStatusCode.OK);
        MainOf(addedHtml).ShouldContain($"Jo Lee is added to {organisationName}.");

        // Jo invites a client, who accepts: Jo follows one client now.
        var joSecret = await NewInviteAsync(jo);
        (await AccountApi.PostAsync(client.Api, "/api/v1/me/coaches", AcceptBody(joSecret)))
            .Status.ShouldBe(HttpStatusCode.Created);

        // The last administrator cannot step down.
        var me = admin.Id.ToString("N");
        var (last, lastHtml) = await PostAsync(admin.Browser, path, $"roles-{me}", addedHtml, [new("displayName", "Sam Patel"), new("isCoach", "yes")]);
        last.ShouldBe(HttpStatusCode.Conflict);
        MainOf(lastHtml).ShouldContain($"<p class=\"field-error\" id=\"member-{me}-error\">An organisation needs at least one administrator.");

        // Removing Jo asks first, then ends Jo's link with the client at once.
        var (_, confirm) = await GetAsync(admin.Browser, $"{path}?remove={jo.Id}");
        MainOf(confirm).ShouldContain($"Remove Jo Lee from {organisationName}?");
        MainOf(confirm).ShouldContain("Their link with their 1 client ends at once");
        var (removed, removedHtml) = await PostAsync(admin.Browser, $"{path}?remove={jo.Id}", $"remove-{jo.Id:N}", confirm, []);
        removed.ShouldBe(HttpStatusCode.OK);
        MainOf(removedHtml).ShouldContain($"Jo Lee is removed from {organisationName}. Their links with clients have ended.");
        (await LinksOfAsync(client)).Single().GetProperty("endedBy").GetString().ShouldBe("organisation");
    }

    [Fact]
    public async Task Someone_who_administers_no_organisation_is_told_so()
    {
        var (admin, organisationId, _) = await CoachVisitorAsync();
        var plain = await VisitorAsync();
        var (status, html) = await GetAsync(plain.Browser, "/organisation");
        status.ShouldBe(HttpStatusCode.Forbidden);
        MainOf(html).ShouldContain("You are not an administrator of one.");
        (status, html) = await GetAsync(plain.Browser, $"/organisation/{organisationId}");
        status.ShouldBe(HttpStatusCode.NotFound);
        MainOf(html).ShouldContain("You are not an administrator of an organisation with this address.");
        (status, _) = await GetAsync(admin.Browser, $"/organisation/{organisationId}");
        status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task No_coaching_page_uses_the_words_Limber_avoids()
    {
        await Someone_signed_out_sees_who_invites_what_each_kind_means_and_signs_in_to_come_back_here();
        await Used_expired_withdrawn_own_and_second_invitations_each_get_a_kind_page_saying_so();
        await On_the_coaches_page_a_client_changes_what_a_coach_sees_ends_the_link_after_confirming_and_sees_who_looked();
        await A_coach_makes_an_invitation_on_the_page_sees_its_link_and_qr_code_and_withdraws_it();
        await An_administrator_adds_a_coach_changes_roles_and_removes_them_after_confirming();
        _pages.Count.ShouldBeGreaterThan(15);
        foreach (var html in _pages)
        {
            var text = Regex.Replace(MainOf(html), "<[^>]+>", " ");
            Avoided().Matches(text).Select(m => m.Value).ShouldBeEmpty();
        }
    }

    [GeneratedRegex(@"all[\s-]+clear|\btreat|\bcur(e|es|ed|ing)\b|\breliev|\bdiagnos|clinically proven", RegexOptions.IgnoreCase)]
    private static partial Regex Avoided();

    [GeneratedRegex("<input[^>]*type=\"checkbox\"[^>]*name=\"shares\"[^>]*>")]
    private static partial Regex CheckBoxes();
}
