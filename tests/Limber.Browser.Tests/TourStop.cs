using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Limber.Browser.Tests;

/// <summary>
/// A page in a state worth checking for accessibility, privacy and layout. The name is also the
/// screenshot's file name, so it stays a short slug. <paramref name="Status"/> is what the page answers with,
/// after the submit when <paramref name="SubmitEmpty"/>; <paramref name="SignedIn"/> visits it as the tour's
/// person (see <see cref="VisitAsync"/>).
/// </summary>
public sealed record TourStop(string Name, string Path, int Status = 200, bool OpenFilters = false, bool SubmitEmpty = false, bool SignedIn = false)
{
    public static readonly TourStop Home = new("home", "/");

    /// <summary>The panel opened by the person, so every filter control is on screen.</summary>
    public static readonly TourStop CatalogueWithFilters = new("catalogue-filters-open", "/exercises", OpenFilters: true);

    /// <summary>A bad filter answers 400 and shows the error above the (already open) panel.</summary>
    public static readonly TourStop CatalogueWithFilterError = new("catalogue-filter-error", "/exercises?kind=zzz", Status: 400);

    public static readonly TourStop Exercise = new("exercise", "/exercises/kneeling-hip-flexor-stretch");

    /// <summary>The warning-sign screen before any answer.</summary>
    public static readonly TourStop WarningSignScreen = new("screen", "/screen");

    /// <summary>Every exercise's figure on one page.</summary>
    public static readonly TourStop FigureGallery = new("figures", "/figures");

    public static readonly TourStop SignUp = new("sign-up", "/account/sign-up");

    /// <summary>The sign-up form sent empty: the summary at the top and a message at each field.</summary>
    public static readonly TourStop SignUpWithErrors = new("sign-up-errors", "/account/sign-up", Status: 400, SubmitEmpty: true);

    public static readonly TourStop SignIn = new("sign-in", "/account/sign-in");

    public static readonly TourStop ForgotPassword = new("forgot-password", "/account/forgot-password");

    public static readonly TourStop ConfirmEmailResend = new("confirm-email-resend", "/account/confirm-email/resend");

    /// <summary>A password-reset link that does not work: the page says so at once.</summary>
    public static readonly TourStop ResetPasswordInvalidLink = new("reset-password-invalid-link", "/account/reset-password?id=x&code=y");

    /// <summary>After deleting an account, with the reference to quote.</summary>
    public static readonly TourStop AccountDeleted = new("account-deleted", "/account/deleted?reference=deletion-0123456789abcdef");

    /// <summary>
    /// The account page with every section showing: consent given, answers from before signing in waiting, and a
    /// stored emergency screen with its confirmation form.
    /// </summary>
    public static readonly TourStop Account = new("account", "/account", SignedIn: true);

    /// <summary>Onboarding, signed in with consent, before any answers.</summary>
    public static readonly TourStop Onboarding = new("onboarding", "/onboarding", SignedIn: true);

    /// <summary>Onboarding sent with nothing filled in: every required answer named at the top and at its field.</summary>
    /// <summary>Today's routine for the tour person, whose stored emergency screen keeps routines locked: what to do instead.</summary>
    public static readonly TourStop TodayLocked = new("today-locked", "/today", SignedIn: true);

    /// <summary>The six weeks for the same person: locked too, with the same next step.</summary>
    public static readonly TourStop ProgramLocked = new("program-locked", "/program", SignedIn: true);

    public static readonly TourStop OnboardingWithErrors = new("onboarding-errors", "/onboarding", Status: 400, SubmitEmpty: true, SignedIn: true);

    /// <summary>The weekly recheck of the emergency questions, for the tour person, whose stored screen it builds on.</summary>
    public static readonly TourStop ScreenRecheck = new("screen-recheck", "/screen/recheck", SignedIn: true);

    /// <summary>The recheck sent with nothing answered: every question named at the top and at the question.</summary>
    public static readonly TourStop ScreenRecheckWithErrors = new("screen-recheck-errors", "/screen/recheck", Status: 400, SubmitEmpty: true, SignedIn: true);

    /// <summary>The daily check-in for the tour person (consent given), before any answer.</summary>
    public static readonly TourStop CheckIn = new("checkin", "/checkin", SignedIn: true);

    /// <summary>The check-in sent with nothing chosen: pain and the three yes/no questions named at the top and at each.</summary>
    public static readonly TourStop CheckInWithErrors = new("checkin-errors", "/checkin", Status: 400, SubmitEmpty: true, SignedIn: true);

    /// <summary>Progress for the tour person: charts with no entries yet say what will show there.</summary>
    public static readonly TourStop Progress = new("progress", "/progress", SignedIn: true);

    /// <summary>Reminders for the tour person, who has none yet; the page's other states are checked in ReminderTests.</summary>
    public static readonly TourStop Reminders = new("reminders", "/reminders", SignedIn: true);

    public static IReadOnlyList<TourStop> All { get; } =
    [
        Home, CatalogueWithFilters, CatalogueWithFilterError, Exercise, WarningSignScreen, FigureGallery,
        SignUp, SignUpWithErrors, SignIn, ForgotPassword, ConfirmEmailResend, ResetPasswordInvalidLink, AccountDeleted, Account,
        Onboarding, OnboardingWithErrors, TodayLocked, ProgramLocked, ScreenRecheck, ScreenRecheckWithErrors,
        CheckIn, CheckInWithErrors, Progress, Reminders,
    ];

    public static TourStop Named(string name) => All.Single(s => s.Name == name);

    public async Task VisitAsync(BrowserTab tab)
    {
        ArgumentNullException.ThrowIfNull(tab);
        if (SignedIn)
        {
            await TourPerson.SignInAsync(tab);
        }
        await tab.GoToAsync(Path, SubmitEmpty ? 200 : Status);
        if (OpenFilters)
        {
            await new CataloguePage(tab.Page).OpenFiltersAsync();
        }
        if (SubmitEmpty)
        {
            var answer = await AccountSteps.SubmitAsync(tab.Page, tab.Page.Locator("main form button[type=submit]").First);
            answer.Status.ShouldBe(Status, $"POST {Path} with nothing filled in");
            await Expect(tab.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        }
        if (SignedIn && Path == "/account")
        {
            await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your account");
        }
    }
}

/// <summary>
/// The one person the tour visits signed-in pages as, made once per run on the shared site (one sign-up, so the
/// site's allowance of sign-ups per address is not used up): health-data consent given, an emergency screen
/// stored and waiting for its confirmation, and answers from before signing in waiting in the browser. Each
/// visit puts that person's cookies into the tab's own browser context.
/// </summary>
internal static class TourPerson
{
    private const string PendingCookie = "limber.pending-screen";

    private static readonly SemaphoreSlim Made = new(1, 1);
    private static Cookie[]? _cookies;

    public static async Task SignInAsync(BrowserTab tab)
    {
        var context = tab.Page.Context;
        await Made.WaitAsync();
        try
        {
            _cookies ??= await MakeAsync(tab);
        }
        finally
        {
            Made.Release();
        }
        await context.ClearCookiesAsync();
        await context.AddCookiesAsync(_cookies);
    }

    private static async Task<Cookie[]> MakeAsync(BrowserTab tab)
    {
        var page = tab.Page;
        var context = page.Context;

        // Answers given before signing in: all no, so they differ from the stored screen.
        await tab.GoToAsync("/screen");
        await AccountSteps.AnswerScreenAsync(page, _ => "No");
        var pending = (await context.CookiesAsync()).Where(c => c.Name == PendingCookie).Select(Copy).ToList();
        pending.ShouldNotBeEmpty("answers given without an account wait in a cookie");

        // The person, with consent and a stored emergency screen (storing it forgets the waiting answers).
        await context.ClearCookiesAsync();
        await tab.GoToAsync("/account/sign-up");
        await AccountSteps.SignUpAsync(page, AccountSteps.NewEmail("tour"), AccountSteps.Password, consent: true);
        await tab.GoToAsync("/screen");
        await AccountSteps.AnswerScreenAsync(page, id => id == "saddle_numbness" ? "Yes" : "No");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Saved to your account" })).ToBeVisibleAsync();

        // The antiforgery cookie belongs to each context; everything else is the person's.
        return [.. (await context.CookiesAsync()).Where(c => c.Name != PendingCookie && !c.Name.StartsWith("limber.antiforgery", StringComparison.Ordinal)).Select(Copy), .. pending];
    }

    private static Cookie Copy(BrowserContextCookiesResult c) => new()
    {
        Name = c.Name,
        Value = c.Value,
        Domain = c.Domain,
        Path = c.Path,
        Expires = c.Expires > 0 ? c.Expires : null,
        HttpOnly = c.HttpOnly,
        Secure = c.Secure,
        SameSite = c.SameSite,
    };
}
