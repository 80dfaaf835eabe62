using System.Text.Json;
using System.Text.RegularExpressions;
using Limber.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// Links between coaches and clients (issue 10) in a real browser: a coach makes an invitation and copies its link, a
/// client signs up from it, accepts with the kinds they chose, sees the coach on their coaches page and ends the link;
/// accepting works by keyboard alone; and axe-core finds nothing on the invitation, join, coaches and organisation
/// pages in each of their states, at phone and desktop width, light and dark. The pages run on a server of their own,
/// whose services make the coach's organisation as the operator's command would.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class CoachLinkTests(LimberSite site, LimberServer server) : IClassFixture<LimberServer>
{
    private const string CoachName = "Sam Patel, physiotherapist";

    public static TheoryData<string, ColorScheme> Views() => new()
    {
        { "phone", ColorScheme.Light },
        { "phone", ColorScheme.Dark },
        { "desktop", ColorScheme.Light },
        { "desktop", ColorScheme.Dark },
    };

    private string Origin => server.BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Signs up on the page (with the health-data consent unless told not to); answers the new account's id.</summary>
    private async Task<(string Email, Guid Id)> SignUpAsync(BrowserTab tab, string who, bool consent = true)
    {
        var email = AccountSteps.NewEmail(who);
        await tab.GoToAsync(server.Url("/account/sign-up"));
        await AccountSteps.SignUpAsync(tab.Page, email, AccountSteps.Password, consent);
        return (email, await IdAsync(tab));
    }

    /// <summary>The signed-in person's id, read as Limber's own scripts read the API: the page's cookie and the client header.</summary>
    private async Task<Guid> IdAsync(BrowserTab tab)
    {
        var me = await tab.Page.APIRequest.GetAsync(server.Url("/api/v1/me"), new() { Headers = new Dictionary<string, string> { ["X-Limber-Client"] = "player" } });
        me.Status.ShouldBe(200, await me.TextAsync());
        return JsonDocument.Parse(await me.TextAsync()).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Makes the account administrator and coach of a new organisation; answers its name.</summary>
    private async Task<(Guid Id, string Name)> OrganisationAsync(Guid adminId)
    {
        var name = $"Riverside Physio {Guid.NewGuid():N}"[..21];
        await using var scope = server.Services.CreateAsyncScope();
        var organisation = await scope.ServiceProvider.GetRequiredService<CoachRecords>().CreateOrganisationAsync(name, adminId, CoachName);
        return (organisation!.Id, name);
    }

    /// <summary>The coach's tab on the invitation page with a new invitation made there; answers the invitation's link.</summary>
    private static async Task<string> InviteOnPageAsync(IPage page, string note)
    {
        await page.GetByLabel("A note for yourself (optional)").FillAsync(note);
        (await AccountSteps.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Make an invitation" }))).Status.ShouldBe(200);
        await Expect(page.Locator("#invite-message")).ToContainTextAsync("Your invitation is ready.");
        return await page.GetByRole(AriaRole.Textbox, new() { Name = "Invitation link" }).InputValueAsync();
    }

    private static async Task CheckAsync(IPage page, string state, string view)
    {
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth")).ShouldBeTrue($"{state} ({view}) scrolls sideways");
        await AccountSteps.ShouldPassAxeAsync(page, $"{state} ({view})");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor($"coaching-{state}-{view}"), FullPage = true });
    }

    [Fact]
    public async Task A_coach_invites_a_client_signs_up_from_the_link_accepts_sees_the_coach_and_ends_the_link()
    {
        await using var coachTab = await site.NewTabAsync(Screen.Desktop);
        var coachPage = coachTab.Page;
        var (_, coachId) = await SignUpAsync(coachTab, "coach-journey");
        var (_, organisation) = await OrganisationAsync(coachId);

        await coachTab.GoToAsync(server.Url("/coach/invite"));
        await Expect(coachPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Invite a client");
        var link = await InviteOnPageAsync(coachPage, "Ana, Tuesday class");
        link.ShouldStartWith(server.Url("/join/"));
        await Expect(coachPage.GetByRole(AriaRole.Img, new() { Name = "QR code of the invitation link" })).ToBeVisibleAsync();
        await Expect(coachPage.Locator(".invite-list")).ToContainTextAsync("Ana, Tuesday class");

        // The copy button (there only with JavaScript) puts the link on the clipboard.
        await coachPage.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Origin });
        await coachPage.GetByRole(AriaRole.Button, new() { Name = "Copy the link" }).ClickAsync();
        await Expect(coachPage.Locator("#invite-copy-status")).ToHaveTextAsync("Copied. Paste the link into a message to your client.");
        (await coachPage.EvaluateAsync<string>("() => navigator.clipboard.readText()")).ShouldBe(link);

        // The client opens the link on a phone, signed out: who invites, and how to go on.
        await using var clientTab = await site.NewTabAsync(Screen.Phone);
        var page = clientTab.Page;
        await clientTab.GoToAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"An invitation from {CoachName}");
        await Expect(page.GetByText($"{CoachName} at {organisation} invites you to link with them")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-up"));
        var email = AccountSteps.NewEmail("client-journey");
        // Signing up brings the client straight back to the invitation: nothing ticked until the client ticks it.
        await AccountSteps.SignUpAsync(page, email, AccountSteps.Password, consent: true, returnsTo: new Uri(link).AbsolutePath);
        var clientId = await IdAsync(clientTab);
        var kinds = page.GetByRole(AriaRole.Group, new() { Name = $"What may {CoachName} see?" });
        foreach (var box in await kinds.GetByRole(AriaRole.Checkbox).AllAsync())
        {
            await Expect(box).Not.ToBeCheckedAsync();
        }
        await kinds.GetByRole(AriaRole.Checkbox, new() { Name = "My progress" }).CheckAsync();
        await kinds.GetByRole(AriaRole.Checkbox, new() { Name = "My sessions" }).CheckAsync();
        (await AccountSteps.SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = $"Accept and link with {CoachName}" }))).Status.ShouldBe(302);
        await Expect(page).ToHaveURLAsync(new Regex("/account/coaches\\?linked=1$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"You are linked with {CoachName}. They may see your progress and your sessions.");
        var card = page.Locator(".link-card");
        await Expect(card.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync(CoachName);
        await Expect(card.GetByRole(AriaRole.Checkbox, new() { Name = "My progress" })).ToBeCheckedAsync();
        await Expect(card.GetByRole(AriaRole.Checkbox, new() { Name = "My program" })).Not.ToBeCheckedAsync();
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("coaching-journey-linked-phone"), FullPage = true });
        (await ActiveLinkAsync(coachId, clientId)).ShouldNotBeNull();

        // Ending asks first; then the coach sees nothing at once.
        await page.GetByRole(AriaRole.Link, new() { Name = $"End this link with {CoachName}" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Group, new() { Name = $"End your link with {CoachName}?" });
        await Expect(confirm).ToBeVisibleAsync();
        (await AccountSteps.SubmitAsync(page, confirm.GetByRole(AriaRole.Button, new() { Name = "Yes, end the link" }))).Status.ShouldBe(200);
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Your link with {CoachName} has ended. They can no longer see any of your data.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Ended links" })).ToContainTextAsync("You ended this link on");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Who looked at your data" })).ToContainTextAsync($"You ended your link with {CoachName}.");
        (await ActiveLinkAsync(coachId, clientId)).ShouldBeNull();
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("coaching-journey-ended-phone"), FullPage = true });

        foreach (var tab in new[] { coachTab, clientTab })
        {
            tab.RequestedUrls.Where(url => new Uri(url).GetLeftPart(UriPartial.Authority) != Origin).ShouldBeEmpty("no request leaves the site");
        }
    }

    private async Task<CoachLink?> ActiveLinkAsync(Guid coachId, Guid clientId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CoachRecords>().ActiveLinkAsync(coachId, clientId);
    }

    [Fact]
    public async Task By_keyboard_alone_a_client_ticks_what_to_share_and_accepts()
    {
        await using var coachTab = await site.NewTabAsync(Screen.Desktop);
        var (_, coachId) = await SignUpAsync(coachTab, "coach-keys");
        await OrganisationAsync(coachId);
        await coachTab.GoToAsync(server.Url("/coach/invite"));
        var link = await InviteOnPageAsync(coachTab.Page, "Keyboard");

        await using var clientTab = await site.NewTabAsync(Screen.Phone);
        var page = clientTab.Page;
        var (_, clientId) = await SignUpAsync(clientTab, "client-keys");
        await clientTab.GoToAsync(link);

        var progress = page.GetByRole(AriaRole.Checkbox, new() { Name = "My progress" });
        var program = page.GetByRole(AriaRole.Checkbox, new() { Name = "My program" });
        await AccountSteps.TabToAsync(page, progress);
        await page.Keyboard.PressAsync("Space");
        await Expect(progress).ToBeCheckedAsync();
        await AccountSteps.TabToAsync(page, program);
        await page.Keyboard.PressAsync("Space");
        await Expect(program).ToBeCheckedAsync();
        // The explanation of each box is read with it.
        await Expect(program).ToHaveAccessibleDescriptionAsync("Your program and the dose of each exercise. Your coach may also change them for you.");
        var accept = page.GetByRole(AriaRole.Button, new() { Name = $"Accept and link with {CoachName}" });
        await AccountSteps.TabToAsync(page, accept);
        (await AccountSteps.SubmitWithAsync(page, () => page.Keyboard.PressAsync("Enter"))).Status.ShouldBe(302);

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"You are linked with {CoachName}. They may see your progress and your program.");
        var active = await ActiveLinkAsync(coachId, clientId);
        active.ShouldNotBeNull();
        CoachShares.Of(active).ShouldBe(new CoachShares(Progress: true, Sessions: false, Screens: false, Program: true));
    }

    [Theory]
    [MemberData(nameof(Views))]
    public async Task Axe_finds_nothing_on_the_coaching_link_pages_in_any_state(string screen, ColorScheme scheme)
    {
        var size = Screen.Named(screen);
        var view = $"{size.Width}-{scheme.ToString().ToLowerInvariant()}";
        await using var coachTab = await site.NewTabAsync(size, scheme);
        var coach = coachTab.Page;
        var (_, coachId) = await SignUpAsync(coachTab, "coach-axe");
        await OrganisationAsync(coachId);

        // The coach's invitation page: empty, with a problem, with a new invitation.
        await coachTab.GoToAsync(server.Url("/coach/invite"));
        await CheckAsync(coach, "invite-empty", view);
        // Past the field's maxlength, as a browser that ignores it would send.
        await coach.EvaluateAsync("() => document.getElementById('label').removeAttribute('maxlength')");
        await coach.GetByLabel("A note for yourself (optional)").FillAsync(new string('x', 81));
        (await AccountSteps.SubmitAsync(coach, coach.GetByRole(AriaRole.Button, new() { Name = "Make an invitation" }))).Status.ShouldBe(400);
        await Expect(coach.Locator("#form-errors")).ToBeVisibleAsync();
        await CheckAsync(coach, "invite-error", view);
        var link = await InviteOnPageAsync(coach, "Ana, Tuesday class");
        await CheckAsync(coach, "invite-made", view);
        var used = await InviteOnPageAsync(coach, "Ben");

        // The join page: signed out, then signed in without consent, then ready to accept.
        await using var clientTab = await site.NewTabAsync(size, scheme);
        var client = clientTab.Page;
        await clientTab.GoToAsync(link);
        await CheckAsync(client, "join-signed-out", view);
        await SignUpAsync(clientTab, "client-axe", consent: false);
        await clientTab.GoToAsync(link);
        await Expect(client.GetByRole(AriaRole.Heading, new() { Name = "Your consent comes first" })).ToBeVisibleAsync();
        await CheckAsync(client, "join-no-consent", view);
        await clientTab.GoToAsync(server.Url("/account"));
        await client.GetByRole(AriaRole.Checkbox, new() { Name = "I agree that Limber keeps and uses my health data as described above." }).CheckAsync();
        await AccountSteps.SubmitAsync(client, client.GetByRole(AriaRole.Button, new() { Name = "Give my consent" }));
        await clientTab.GoToAsync(link);
        await CheckAsync(client, "join-ready", view);
        await client.GetByRole(AriaRole.Checkbox, new() { Name = "My progress" }).CheckAsync();
        await AccountSteps.SubmitAsync(client, client.GetByRole(AriaRole.Button, new() { Name = $"Accept and link with {CoachName}" }));

        // A used invitation, for someone else.
        await using var otherTab = await site.NewTabAsync(size, scheme);
        await SignUpAsync(otherTab, "other-axe");
        var usedHere = await otherTab.Page.GotoAsync(link);
        usedHere!.Status.ShouldBe(410);
        await CheckAsync(otherTab.Page, "join-used", view);
        await otherTab.GoToAsync(used);
        await otherTab.Page.GetByRole(AriaRole.Checkbox, new() { Name = "My sessions" }).CheckAsync();
        await AccountSteps.SubmitAsync(otherTab.Page, otherTab.Page.GetByRole(AriaRole.Button, new() { Name = $"Accept and link with {CoachName}" }));

        // The client's coaches page: linked (with the log), and the confirmation before ending.
        await Expect(client.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await CheckAsync(client, "coaches-linked", view);
        await client.GetByRole(AriaRole.Link, new() { Name = $"End this link with {CoachName}" }).ClickAsync();
        await Expect(client.Locator("#confirm-end")).ToBeVisibleAsync();
        await CheckAsync(client, "coaches-confirm-end", view);
        await AccountSteps.SubmitAsync(client, client.GetByRole(AriaRole.Button, new() { Name = "Yes, end the link" }));
        await CheckAsync(client, "coaches-ended", view);

        // The organisation page: members with a coach who has a client, a problem, and the confirmation before removing.
        await using var colleagueTab = await site.NewTabAsync(size, scheme);
        var (colleagueEmail, colleagueId) = await SignUpAsync(colleagueTab, "colleague-axe");
        await coachTab.GoToAsync(server.Url("/organisation"));
        await CheckAsync(coach, "organisation", view);
        await coach.Locator("#email").FillAsync("nobody-" + colleagueEmail);
        await coach.Locator("#displayName").FillAsync("Jo Lee");
        (await AccountSteps.SubmitAsync(coach, coach.GetByRole(AriaRole.Button, new() { Name = "Add to " }))).Status.ShouldBe(400);
        await Expect(coach.Locator("#email-error")).ToBeVisibleAsync();
        await CheckAsync(coach, "organisation-error", view);
        await coach.Locator("#email").FillAsync(colleagueEmail);
        (await AccountSteps.SubmitAsync(coach, coach.GetByRole(AriaRole.Button, new() { Name = "Add to " }))).Status.ShouldBe(200);
        await coach.GetByRole(AriaRole.Link, new() { Name = "Remove Jo Lee" }).ClickAsync();
        await Expect(coach.Locator("#confirm-remove")).ToBeVisibleAsync();
        await coach.Locator($"#card-{colleagueId:N} summary").ClickAsync();
        await CheckAsync(coach, "organisation-confirm-remove", view);
    }
}
