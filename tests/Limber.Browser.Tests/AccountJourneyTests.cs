using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Limber.Domain.Safety;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// People create an account, keep or forget the answers they gave before, give and withdraw consent, confirm
/// they were seen, download their data, sign out everywhere and delete the account, in a real browser. The
/// journeys run on a <see cref="ConfiguredServer"/> of their own: every browser test comes from 127.0.0.1, and the
/// shared site's allowance of sign-ups and sign-ins per address and minute is kept for the tour.
/// </summary>
[Collection(LimberSite.Collection)]
public sealed class AccountJourneyTests(LimberSite site, ConfiguredServer server) : IClassFixture<ConfiguredServer>
{
    [Fact]
    public async Task Answers_taken_before_signing_up_are_kept_exported_and_deleted_with_the_account()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone, ColorScheme.Light);
        var page = tab.Page;
        var email = AccountSteps.NewEmail("journey");

        // Anonymous: nothing is stored, and the page says how to keep the answers.
        await tab.GoToAsync(server.Url("/screen"));
        await Expect(page.GetByText("Nothing you answer here is stored by Limber")).ToBeVisibleAsync();
        await AccountSteps.AnswerScreenAsync(page, id => id == "weight_loss" ? "Yes" : "No");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("See a doctor within 24 to 48 hours");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Want to keep these answers?" })).ToBeVisibleAsync();
        var pending = (await page.Context.CookiesAsync()).Single(c => c.Name == "limber.pending-screen");
        pending.HttpOnly.ShouldBeTrue("the waiting answers are out of reach of scripts");

        await page.GetByRole(AriaRole.Link, new() { Name = "create an account", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-up$"));
        await AccountSteps.SignUpAsync(page, email, AccountSteps.Password, consent: true);
        Directory.GetFiles(server.MailFolder, "*.eml").ShouldContain(
            file => File.ReadAllText(file).Contains(email, StringComparison.OrdinalIgnoreCase),
            "sign-up writes a confirmation mail to the data folder");

        // The waiting answers are offered, and kept on request.
        var pendingSection = page.GetByRole(AriaRole.Region, new() { Name = "Answers from before you signed in" });
        await Expect(pendingSection).ToBeVisibleAsync();
        await Expect(pendingSection).ToContainTextAsync("age 47");
        (await AccountSteps.SubmitAsync(page, pendingSection.GetByRole(AriaRole.Button, new() { Name = "Keep them" }))).Status.ShouldBe(200);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your earlier answers are saved to your account.");
        await Expect(pendingSection).ToHaveCountAsync(0);
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "limber.pending-screen", "kept answers leave the browser");

        var screens = page.GetByRole(AriaRole.Region, new() { Name = "Your warning-sign screens" });
        var entry = screens.Locator("li.screen-entry");
        await Expect(entry).ToHaveCountAsync(1);
        await Expect(entry.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("See a doctor within 24");
        await Expect(entry).ToContainTextAsync("weight");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Routines" })).ToContainTextAsync("Routines are paused until you confirm you have been seen by a doctor.");
        var screenId = (await entry.GetAttributeAsync("id"))!["screen-".Length..];
        Guid.TryParse(screenId, out _).ShouldBeTrue(screenId);
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("account-kept-phone-light"), FullPage = true });

        // The download: a zip with the whole export as JSON and the screen's row in the CSV.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download my data" }).ClickAsync());
        download.SuggestedFilename.ShouldMatch(@"^limber-export-\d{4}-\d{2}-\d{2}\.zip$");
        var zipPath = await download.PathAsync();
        await using (var zip = await ZipFile.OpenReadAsync(zipPath))
        {
            zip.Entries.Select(e => e.FullName).ShouldContain("limber-export.json");
            zip.Entries.Select(e => e.FullName).ShouldContain("csv/judged-screens.csv");
            using (var json = await JsonDocument.ParseAsync(await zip.GetEntry("limber-export.json")!.OpenAsync()))
            {
                json.RootElement.GetProperty("judgedScreens").EnumerateArray()
                    .Select(s => s.GetProperty("id").GetString()).ShouldBe([screenId]);
            }
            using var csv = new StreamReader(await zip.GetEntry("csv/judged-screens.csv")!.OpenAsync());
            var lines = (await csv.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(2, "a header and the one screen");
            lines[0].ShouldStartWith("id,");
            lines[1].ShouldStartWith(screenId + ",");
            lines[1].ShouldContain(",47,");
            lines[1].ShouldContain("Urgent");
        }

        // Deleting asks for the password and a tick, then leaves only a reference.
        var delete = page.GetByRole(AriaRole.Region, new() { Name = "Delete your account" });
        await delete.GetByLabel("Your password, to confirm").FillAsync(AccountSteps.Password);
        await delete.GetByRole(AriaRole.Checkbox, new() { Name = "I understand that my account and all my data will be deleted." }).CheckAsync();
        await AccountSteps.SubmitAsync(page, delete.GetByRole(AriaRole.Button, new() { Name = "Delete my account and data" }));
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/deleted\?reference=deletion-[^&]+$"));
        var reference = new Uri(page.Url).Query["?reference=".Length..];
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account is deleted");
        await Expect(page.Locator("main")).ToContainTextAsync(reference);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // The same credentials no longer open anything.
        await tab.GoToAsync(server.Url("/account/sign-in"));
        var answer = await AccountSteps.SignInAsync(page, email, AccountSteps.Password);
        answer.Status.ShouldBe(400);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The e-mail address or the password is wrong.");
        await tab.GoToAsync(server.Url("/account"));
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
    }

    [Fact]
    public async Task An_emergency_screen_is_saved_locks_routines_and_the_clinician_s_go_ahead_unlocks_them()
    {
        await using var tab = await site.NewTabAsync(Screen.Phone, ColorScheme.Light);
        var page = tab.Page;
        await tab.GoToAsync(server.Url("/account/sign-up"));
        await AccountSteps.SignUpAsync(page, AccountSteps.NewEmail("emergency"), AccountSteps.Password, consent: true);

        await tab.GoToAsync(server.Url("/screen"));
        await Expect(page.GetByText("Your answers are saved to your account")).ToBeVisibleAsync();
        await AccountSteps.AnswerScreenAsync(page, id => id == "saddle_numbness" ? "Yes" : "No");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("now");
        var kept = page.GetByRole(AriaRole.Region, new() { Name = "Saved to your account" });
        await Expect(kept).ToContainTextAsync("where you can confirm when you have been seen");
        (await page.Context.CookiesAsync()).ShouldNotContain(c => c.Name == "limber.pending-screen");

        await kept.GetByRole(AriaRole.Link, new() { Name = "your account page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account#screens$"));
        var routines = page.GetByRole(AriaRole.Region, new() { Name = "Routines" });
        await Expect(routines).ToContainTextAsync("Routines are locked until you confirm you have been seen and a clinician has said you can exercise.");
        var entry = page.GetByRole(AriaRole.Region, new() { Name = "Your warning-sign screens" }).Locator("li.screen-entry");
        await Expect(entry.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToContainTextAsync("Get help now");
        await Expect(entry).ToContainTextAsync("genitals");

        // Confirm without the tick: refused, and said so.
        (await AccountSteps.SubmitAsync(page, entry.GetByRole(AriaRole.Button, new() { Name = "Confirm" }))).Status.ShouldBe(400);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tick the box to confirm");
        await Expect(routines).ToContainTextAsync("Routines are locked");
        await AccountSteps.ShouldPassAxeAsync(page, "the account page with a refused confirmation");

        await entry.GetByRole(AriaRole.Checkbox, new() { Name = "I have been seen, and a clinician told me I can exercise" }).CheckAsync();
        await entry.GetByLabel("Anything to remember about it (optional)").FillAsync("Seen at the hospital, all fine");
        (await AccountSteps.SubmitAsync(page, entry.GetByRole(AriaRole.Button, new() { Name = "Confirm" }))).Status.ShouldBe(200);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Thank you: your confirmation is saved.");
        await Expect(routines).Not.ToContainTextAsync("locked");
        await Expect(routines).ToContainTextAsync("You can carry on with your routines, starting with the gentle options.");
        await Expect(entry).ToContainTextAsync("you confirmed you were seen and a clinician said you can exercise");
        await Expect(entry.GetByRole(AriaRole.Button, new() { Name = "Confirm" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("account-confirmed-phone-light"), FullPage = true });
    }

    [Fact]
    public async Task Without_consent_nothing_is_saved_until_it_is_given_and_withdrawing_it_keeps_export_and_deletion()
    {
        await using var tab = await site.NewTabAsync(Screen.Desktop, ColorScheme.Dark);
        var page = tab.Page;
        await tab.GoToAsync(server.Url("/account/sign-up"));
        await AccountSteps.SignUpAsync(page, AccountSteps.NewEmail("no-consent"), AccountSteps.Password, consent: false);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your health data" }))
            .ToContainTextAsync("Limber does not store anything about your health until you agree.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your warning-sign screens" })).ToHaveCountAsync(0);

        await tab.GoToAsync(server.Url("/screen"));
        await Expect(page.GetByText("Nothing you answer here is stored by Limber")).ToBeVisibleAsync();
        await AccountSteps.AnswerScreenAsync(page, _ => "No");
        var notSaved = page.GetByRole(AriaRole.Region, new() { Name = "Not saved yet" });
        await Expect(notSaved).ToContainTextAsync("give it on your account page within two hours");

        await notSaved.GetByRole(AriaRole.Link, new() { Name = "your account page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account#consent$"));
        var pending = page.GetByRole(AriaRole.Region, new() { Name = "Answers from before you signed in" });
        await Expect(pending).ToContainTextAsync("To keep them, give your consent above first.");
        await Expect(pending.GetByRole(AriaRole.Button, new() { Name = "Keep them" })).ToHaveCountAsync(0);

        // The box must be ticked.
        var consent = page.GetByRole(AriaRole.Region, new() { Name = "Your health data" });
        (await AccountSteps.SubmitAsync(page, consent.GetByRole(AriaRole.Button, new() { Name = "Give my consent" }))).Status.ShouldBe(400);
        const string tickMessage = "Tick the box to say you agree, or leave this for later.";
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(tickMessage);
        var agree = consent.GetByRole(AriaRole.Checkbox, new() { Name = "I agree that Limber keeps and uses my health data" });
        await Expect(agree).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(agree).ToHaveAccessibleDescriptionAsync(tickMessage);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your warning-sign screens" })).ToHaveCountAsync(0);
        await AccountSteps.ShouldPassAxeAsync(page, "the account page with the consent box left unticked");
        await page.ScreenshotAsync(new() { Path = ScreenshotTests.PathFor("account-consent-error-desktop-dark"), FullPage = true });

        await agree.CheckAsync();
        (await AccountSteps.SubmitAsync(page, consent.GetByRole(AriaRole.Button, new() { Name = "Give my consent" }))).Status.ShouldBe(200);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Thank you: your consent is recorded.");
        var screens = page.GetByRole(AriaRole.Region, new() { Name = "Your warning-sign screens" });
        await Expect(screens).ToContainTextAsync("None saved yet.");
        await Expect(pending.GetByRole(AriaRole.Button, new() { Name = "Keep them" })).ToBeVisibleAsync();

        (await AccountSteps.SubmitAsync(page, consent.GetByRole(AriaRole.Button, new() { Name = "Withdraw my consent" }))).Status.ShouldBe(200);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You can download it or delete your account below.");
        await Expect(screens).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Routines" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download my data" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete my account and data" })).ToBeVisibleAsync();
        await Expect(consent.GetByRole(AriaRole.Button, new() { Name = "Give my consent" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signing_up_and_signing_in_work_with_the_keyboard_alone()
    {
        await using var tab = await site.NewTabAsync(Screen.Desktop, ColorScheme.Light);
        var page = tab.Page;
        var email = AccountSteps.NewEmail("keyboard");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await tab.GoToAsync(server.Url("/"));

        await AccountSteps.TabToAsync(page, nav.GetByRole(AriaRole.Link, new() { Name = "Sign in" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in$"));
        await AccountSteps.TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-up$"));

        await AccountSteps.TabToAsync(page, page.GetByLabel("E-mail address"));
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(AccountSteps.Password);
        await page.Keyboard.PressAsync("Tab");
        var consent = page.GetByRole(AriaRole.Checkbox, new() { Name = "I agree that Limber keeps and uses my health data" });
        await Expect(consent).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(consent).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create account" })).ToBeFocusedAsync();
        (await AccountSteps.SubmitWithAsync(page, () => page.Keyboard.PressAsync("Enter"))).Status.ShouldBe(302);
        await Expect(page).ToHaveURLAsync(new Regex(@"/account\?welcome=1$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Your health data" })).ToContainTextAsync("You agreed on");

        await AccountSteps.TabToAsync(page, nav.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }));
        (await AccountSteps.SubmitWithAsync(page, () => page.Keyboard.PressAsync("Enter"))).Status.ShouldBe(302);
        var signIn = nav.GetByRole(AriaRole.Link, new() { Name = "Sign in" });
        await Expect(signIn).ToBeVisibleAsync();

        await AccountSteps.TabToAsync(page, signIn);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/account/sign-in$"));
        await AccountSteps.TabToAsync(page, page.GetByLabel("E-mail address"));
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(AccountSteps.Password);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Keep me signed in on this device" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })).ToBeFocusedAsync();
        (await AccountSteps.SubmitWithAsync(page, () => page.Keyboard.PressAsync("Enter"))).Status.ShouldBe(302);
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
        await Expect(page.Locator("main")).ToContainTextAsync(email);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_session_in_another_browser_at_its_next_request()
    {
        var email = AccountSteps.NewEmail("everywhere");
        await using var laptop = await site.NewTabAsync(Screen.Desktop, ColorScheme.Light);
        await using var phone = await site.NewTabAsync(Screen.Phone, ColorScheme.Light);
        await laptop.GoToAsync(server.Url("/account/sign-up"));
        await AccountSteps.SignUpAsync(laptop.Page, email, AccountSteps.Password, consent: false);
        await phone.GoToAsync(server.Url("/account/sign-in"));
        (await AccountSteps.SignInAsync(phone.Page, email, AccountSteps.Password)).Status.ShouldBe(302);
        await Expect(phone.Page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");

        var devices = laptop.Page.GetByRole(AriaRole.Region, new() { Name = "Signed-in devices" });
        await AccountSteps.SubmitAsync(laptop.Page, devices.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }));
        await Expect(laptop.Page).ToHaveURLAsync(new Regex("/account/sign-in$"));
        await Expect(laptop.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        // The phone's cookie is still there, but the server no longer takes it.
        await phone.GoToAsync(server.Url("/account"));
        await Expect(phone.Page).ToHaveURLAsync(new Regex("/account/sign-in"));
        var phoneNav = phone.Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(phoneNav.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(phoneNav.GetByRole(AriaRole.Link, new() { Name = "Your account" })).ToHaveCountAsync(0);

        // The password still works: only the sessions ended.
        (await AccountSteps.SignInAsync(phone.Page, email, AccountSteps.Password)).Status.ShouldBe(302);
        await Expect(phone.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
    }
}

/// <summary>The steps of the account journeys, shared with the tour's signed-in stop.</summary>
internal static class AccountSteps
{
    /// <summary>Long enough for the default minimum of 10 characters, and four different characters at least.</summary>
    public const string Password = "correct horse battery staple";

    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    /// <summary>On the screen page: answers every question (age 47, not the first episode) and submits; the outcome is shown.</summary>
    public static async Task AnswerScreenAsync(IPage page, Func<string, string> answerFor)
    {
        await page.GetByLabel("Your age in years").FillAsync("47");
        await page.GetByRole(AriaRole.Group, new() { Name = "Is this the first time in your life you have had back pain?" })
            .GetByRole(AriaRole.Radio, new() { Name = "No", Exact = true }).CheckAsync();
        foreach (var item in WarningSignScreen.Items)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = item.Question, Exact = true })
                .GetByRole(AriaRole.Radio, new() { Name = answerFor(item.Id), Exact = true }).CheckAsync();
        }
        var answer = await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "See what my answers mean" }));
        answer.Status.ShouldBe(200, "a complete screen is judged");
    }

    /// <summary>On the sign-up page: fills it in and creates the account, which lands on the account page.</summary>
    /// <summary>
    /// Fills in and sends the sign-up form on the page open now. Without <paramref name="returnsTo"/> the new account
    /// lands on its account page; with it (a sign-up page opened with a return address), on that path.
    /// </summary>
    public static async Task SignUpAsync(IPage page, string email, string password, bool consent, string? returnsTo = null)
    {
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        var box = page.GetByRole(AriaRole.Checkbox, new() { Name = "I agree that Limber keeps and uses my health data" });
        await Expect(box).Not.ToBeCheckedAsync();
        if (consent)
        {
            await box.CheckAsync();
        }
        var answer = await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Create account" }));
        answer.Status.ShouldBe(302, $"signing up {email}");
        if (returnsTo is not null)
        {
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(returnsTo) + "$"));
            return;
        }
        await Expect(page).ToHaveURLAsync(new Regex(@"/account\?welcome=1$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
    }

    /// <summary>On the sign-in page: fills it in and submits; returns the answer to the post (302 when it worked).</summary>
    public static async Task<IResponse> SignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        return await SubmitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }));
    }

    /// <summary>Presses a form's button and waits for the answer to its post, returning it.</summary>
    public static Task<IResponse> SubmitAsync(IPage page, ILocator button) => SubmitWithAsync(page, () => button.ClickAsync());

    /// <summary>Runs what submits a form (a click, a key) and waits for the answer to its post, returning it.</summary>
    public static async Task<IResponse> SubmitWithAsync(IPage page, Func<Task> submit)
    {
        // Both waits are set up before the submit: a wait begun afterwards can miss a fast page.
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoaded(object? sender, IPage p) => loaded.TrySetResult();
        page.DOMContentLoaded += OnLoaded;
        try
        {
            var response = await page.RunAndWaitForResponseAsync(submit, r => r.Request.Method == "POST" && r.Request.IsNavigationRequest);
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return response;
        }
        finally
        {
            page.DOMContentLoaded -= OnLoaded;
        }
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, as a keyboard user would.</summary>
    public static async Task TabToAsync(IPage page, ILocator target, int most = 60)
    {
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }
        throw new ShouldAssertException($"{most} presses of Tab never reached {target}");
    }

    public static async Task ShouldPassAxeAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        result.Passes.ShouldNotBeEmpty();
        AccessibilityTests.Describe(result.Violations).ShouldBeEmpty($"axe violations on {what}");
    }
}
