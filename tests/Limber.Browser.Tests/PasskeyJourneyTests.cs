using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// Passkeys in a real Chromium with a virtual authenticator standing in for a fingerprint reader: a person adds
/// one, signs in with it, renames and removes it. WebAuthn needs a secure context with a domain, so these tests
/// browse to <c>http://localhost</c> (a secure context by definition) rather than the server's 127.0.0.1.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed partial class PasskeyJourneyTests(LimberSite site)
{
    private string Local(string path) => $"http://localhost:{site.BaseAddress.Port}{path}";

    private async Task GoToAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(Local(path)) ?? throw new InvalidOperationException($"No response for {path}");
        response.Status.ShouldBe(200, $"GET {path}");
    }

    /// <summary>Runs the action and waits for the answer to the form post (not a fetch) to <paramref name="path"/>.</summary>
    private static async Task<IResponse> PostAsync(IPage page, string path, Func<Task> action)
    {
        var response = await page.RunAndWaitForResponseAsync(action, r =>
            r.Request.Method == "POST" && r.Request.ResourceType == "document" && new Uri(r.Url).AbsolutePath == path);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return response;
    }

    [Fact]
    public async Task A_person_adds_a_passkey_signs_in_with_it_renames_it_and_removes_it()
    {
        await using var tab = await site.NewTabAsync(Screen.Desktop);
        var page = tab.Page;
        var authenticator = await VirtualAuthenticator.AddAsync(page);
        await GoToAsync(page, "/account/sign-up");
        await AccountSteps.SignUpAsync(page, AccountSteps.NewEmail("passkey"), AccountSteps.Password, consent: false);

        // Adding: the button the script shows, the browser's ceremony, and the page back with the passkey listed.
        var section = page.Locator("#passkeys");
        await Expect(section.GetByRole(AriaRole.Heading, new() { Name = "Passkeys" })).ToBeVisibleAsync();
        await Expect(section.GetByText("You have no passkeys yet.")).ToBeVisibleAsync();
        await Expect(section.Locator("[data-passkey-unsupported]")).ToBeHiddenAsync();
        var added = await PostAsync(page, "/account", () => section.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync());

        added.Status.ShouldBe(200, await section.InnerTextAsync());
        await Expect(section.GetByRole(AriaRole.Status)).ToContainTextAsync("Your passkey is added");
        var item = section.Locator(".passkey-item");
        await Expect(item).ToHaveCountAsync(1);
        await Expect(item.Locator(".passkey-name")).ToHaveTextAsync(DefaultName());
        await Expect(item.Locator(".hint")).ToHaveTextAsync(new Regex(@"^Added \d{1,2} [A-Z][a-z]+ \d{4}$"));
        (await authenticator.CredentialCountAsync()).ShouldBe(1);

        await AccountSteps.ShouldPassAxeAsync(page, "the account page with a passkey (desktop)");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("account-passkey-1280"), FullPage = true });
        await page.SetViewportSizeAsync(Screen.Phone.Width, Screen.Phone.Height);
        await AccountSteps.ShouldPassAxeAsync(page, "the account page with a passkey (phone)");
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue("no sideways scrolling at 360 px");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("account-passkey-360"), FullPage = true });
        await page.SetViewportSizeAsync(Screen.Desktop.Width, Screen.Desktop.Height);

        // Signing out, then in with the passkey alone.
        await PostAsync(page, "/account/sign-out", () => page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync());
        await GoToAsync(page, "/account/sign-in");
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" });
        await Expect(signIn).ToBeVisibleAsync();
        await AccountSteps.ShouldPassAxeAsync(page, "the sign-in page with the passkey button");
        var signedIn = await PostAsync(page, "/account/passkey/sign-in", () => signIn.ClickAsync());

        signedIn.Status.ShouldBe(302);
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
        await Expect(page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true })).ToBeVisibleAsync();

        // Renaming: an empty name is refused at the field, then a good one is kept.
        await section.Locator("summary", new() { HasText = "Rename" }).ClickAsync();
        await section.GetByLabel("New name").FillAsync("  ");
        var refusedName = await PostAsync(page, "/account", () => section.GetByRole(AriaRole.Button, new() { Name = "Save the name" }).ClickAsync());
        refusedName.Status.ShouldBe(400);
        await Expect(section.GetByRole(AriaRole.Alert)).ToContainTextAsync("Please enter a name for the passkey");
        await Expect(section.GetByLabel("New name")).ToHaveAttributeAsync("aria-invalid", "true");
        await AccountSteps.ShouldPassAxeAsync(page, "the account page with a refused passkey name");
        await section.GetByLabel("New name").FillAsync("Phone in my pocket");
        await PostAsync(page, "/account", () => section.GetByRole(AriaRole.Button, new() { Name = "Save the name" }).ClickAsync());
        await Expect(section.GetByRole(AriaRole.Status)).ToContainTextAsync("renamed “Phone in my pocket”");
        await Expect(item.Locator(".passkey-name")).ToHaveTextAsync("Phone in my pocket");

        // Removing: gone from the list, and the device's copy no longer signs anyone in.
        await PostAsync(page, "/account", () => section.GetByRole(AriaRole.Button, new() { Name = "Remove Phone in my pocket" }).ClickAsync());
        await Expect(section.GetByRole(AriaRole.Status)).ToContainTextAsync("is removed");
        await Expect(section.GetByText("You have no passkeys yet.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");

        await PostAsync(page, "/account/sign-out", () => page.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync());
        await GoToAsync(page, "/account/sign-in");
        var refused = await PostAsync(page, "/account/passkey/sign-in",
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync());
        refused.Status.ShouldBe(302);
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/sign-in\?passkey=failed"));
        await Expect(page.Locator("#passkey-sign-in").GetByRole(AriaRole.Alert)).ToContainTextAsync("could not sign you in with that passkey");
        await AccountSteps.ShouldPassAxeAsync(page, "the sign-in page after a refused passkey");
    }

    [Fact]
    public async Task A_passkey_request_the_device_refuses_is_explained_beside_the_button()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone);
        var page = tab.Page;
        // A device whose fingerprint check fails, holding no passkey for Limber.
        await VirtualAuthenticator.AddAsync(page, userVerified: false);
        await GoToAsync(page, "/account/sign-in");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        var status = page.Locator("#passkey-sign-in [data-passkey-status]");
        await Expect(status).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(status).ToContainTextAsync("cancelled or took too long");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" })).ToBeEnabledAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in$"));
        await AccountSteps.ShouldPassAxeAsync(page, "the sign-in page with a passkey message");
    }

    [Theory]
    [InlineData("no JavaScript")]
    [InlineData("no parseCreationOptionsFromJSON")]
    public async Task Without_passkey_support_the_button_stays_hidden_and_the_page_says_why(string browser)
    {
        await using var tab = await site.NewTabAsync(Screen.Phone, javaScript: browser != "no JavaScript");
        var page = tab.Page;
        if (browser == "no parseCreationOptionsFromJSON")
        {
            // As in a browser from before WebAuthn level 3's JSON methods.
            await page.AddInitScriptAsync("delete PublicKeyCredential.parseCreationOptionsFromJSON;");
        }
        await GoToAsync(page, "/account/sign-in");

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" })).ToBeHiddenAsync();
        await Expect(page.Locator("#passkey-sign-in [data-passkey-unsupported]")).ToBeVisibleAsync();
        await Expect(page.Locator("#passkey-sign-in")).ToContainTextAsync("Please use your password instead.");
    }

    /// <summary>The name a passkey gets when added today (the server's clock is UTC), e.g. "Passkey added 23 Nov 2026".</summary>
    private static Regex DefaultName() => DefaultNamePattern();

    [GeneratedRegex(@"^Passkey added \d{1,2} [A-Z][a-z]{2} \d{4}$")]
    private static partial Regex DefaultNamePattern();

    /// <summary>A platform authenticator (like a phone's fingerprint reader) in the tab, through the DevTools protocol.</summary>
    private sealed class VirtualAuthenticator(ICDPSession session, string id)
    {
        public static async Task<VirtualAuthenticator> AddAsync(IPage page, bool userVerified = true)
        {
            var session = await page.Context.NewCDPSessionAsync(page);
            await session.SendAsync("WebAuthn.enable", new() { ["enableUI"] = false });
            var added = await session.SendAsync("WebAuthn.addVirtualAuthenticator", new()
            {
                ["options"] = new Dictionary<string, object>
                {
                    ["protocol"] = "ctap2",
                    ["transport"] = "internal",
                    ["hasResidentKey"] = true,
                    ["hasUserVerification"] = true,
                    ["isUserVerified"] = userVerified,
                    ["automaticPresenceSimulation"] = true,
                },
            });
            var id = added?.GetProperty("authenticatorId").GetString() ?? throw new InvalidOperationException("No virtual authenticator");
            return new VirtualAuthenticator(session, id);
        }

        public async Task<int> CredentialCountAsync()
        {
            var credentials = await session.SendAsync("WebAuthn.getCredentials", new() { ["authenticatorId"] = id });
            return credentials?.GetProperty("credentials").GetArrayLength() ?? 0;
        }
    }
}
