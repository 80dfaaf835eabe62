using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Limber.Domain.Catalogue;
using Limber.Web.Illustration;
using Limber.Web.Safety;
using Limber.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;

namespace Limber.Web.Tests.Planning;

/// <summary>
/// The printable routine (GET /today/handout.pdf) over real HTTP, as a browser signed in with the cookie asks for it:
/// the same gate as Today, the person's own routine and doses read back from the PDF's text, and the QR code.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed partial class RoutineHandoutTests(AccountServer server) : IDisposable
{
    private const string Handout = "/today/handout.pdf";

    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    /// <summary>Someone with an API client (bearer token) and a browser signed in with the cookie, as the same person.</summary>
    private sealed record Visitor(TestPerson Person, HttpClient Browser) : IDisposable
    {
        public void Dispose() => Person.Dispose();
    }

    /// <summary>Consent, onboarding and a screen with no warning signs, unless told to stop earlier; then the browser signs in.</summary>
    private static async Task<Visitor> VisitorAsync(AccountServer on, NoScriptBrowsers browsers, string who, bool consent = true, bool profile = true,
        bool screen = true)
    {
        var person = await TestPerson.CreateAsync(on, consent, who);
        if (profile)
        {
            (await person.SendAsync(HttpMethod.Put, "/api/v1/me/profile", ProfileApiTests.Body())).Status.ShouldBe(HttpStatusCode.Created);
        }
        if (screen)
        {
            await person.StoreScreenAsync(AccountApi.Screen());
        }
        var browser = browsers.New();
        var (_, page) = await NoScriptBrowsers.GetAsync(browser, "/account/sign-in");
        var (status, _) = await NoScriptBrowsers.PostAsync(browser, "/account/sign-in", "sign-in", page,
            [new("email", person.Email), new("password", person.Password)]);
        status.ShouldBe(HttpStatusCode.Redirect);
        return new Visitor(person, browser);
    }

    private sealed record Download(HttpStatusCode Status, string? MediaType, HttpResponseMessage Response, byte[] Bytes)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Bytes);

        public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();
    }

    private static async Task<Download> GetAsync(HttpClient http, string path, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        ((int)response.StatusCode).ShouldBeLessThan(500, System.Text.Encoding.UTF8.GetString(bytes));
        return new Download(response.StatusCode, response.Content.Headers.ContentType?.MediaType, response, bytes);
    }

    /// <summary>The text of each page in the order it was drawn, one string a page, words separated by single spaces.</summary>
    internal static List<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(DrawnText)];
    }

    /// <summary>
    /// The letters of a page in the order they were drawn, with a space where a new line or a gap starts. Not PdfPig's
    /// GetWords: it orders words by position, so the legend of a figure lands in the middle of a step drawn beside it.
    /// </summary>
    internal static string DrawnText(UglyToad.PdfPig.Content.Page page)
    {
        var text = new System.Text.StringBuilder();
        UglyToad.PdfPig.Content.Letter? previous = null;
        foreach (var letter in page.Letters)
        {
            if (previous is not null && (Math.Abs(letter.StartBaseLine.Y - previous.StartBaseLine.Y) > 0.5
                || letter.StartBaseLine.X - previous.EndBaseLine.X > letter.PointSize * 0.2))
            {
                text.Append(' ');
            }
            text.Append(letter.Value);
            previous = letter;
        }
        return Words(text.ToString());
    }

    private static string Words(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [Fact]
    public async Task The_handout_is_a_PDF_download_of_today_s_routine_that_no_browser_keeps()
    {
        using var visitor = await VisitorAsync(server, _browsers, "handout-download");
        var today = (await SessionApiTests.RoutineAsync(visitor.Person)).GetProperty("date").GetString();

        var answer = await GetAsync(visitor.Browser, Handout);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Text.Length > 500 ? answer.Text[..500] : answer.Text);
        answer.MediaType.ShouldBe("application/pdf");
        System.Text.Encoding.ASCII.GetString(answer.Bytes, 0, 5).ShouldBe("%PDF-");
        answer.Response.Content.Headers.ContentDisposition!.ToString().ShouldBe($"attachment; filename=\"limber-routine-{today}.pdf\"");
        answer.Response.Headers.CacheControl!.Private.ShouldBeTrue();
        answer.Response.Headers.CacheControl.NoStore.ShouldBeTrue();
        // Nothing in it changes from one request to the next (no creation date): the same day prints the same file.
        (await GetAsync(visitor.Browser, Handout)).Bytes.ShouldBe(answer.Bytes);
        using var pdf = PdfDocument.Open(answer.Bytes);
        pdf.Information.Title.ShouldStartWith("Your Limber routine, ");
        foreach (var page in pdf.GetPages())
        {
            // A4 in points, give or take rounding.
            page.Width.ShouldBe(595, tolerance: 1);
            page.Height.ShouldBe(842, tolerance: 1);
        }
    }

    [Fact]
    public async Task Every_exercise_of_the_day_is_printed_with_its_dose_steps_cues_and_the_stop_line()
    {
        using var visitor = await VisitorAsync(server, _browsers, "handout-text");
        var routine = (await visitor.Person.GetAsync("/api/v1/me/routine?date=2026-12-02")).Json;
        var catalogue = server.Services.GetRequiredService<ExerciseCatalogue>();

        var answer = await GetAsync(visitor.Browser, $"{Handout}?date=2026-12-02");

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Response.Content.Headers.ContentDisposition!.FileName.ShouldBe("limber-routine-2026-12-02.pdf");
        var pages = PageTexts(answer.Bytes);
        var all = string.Join(" ", pages);
        all.ShouldContain("Your Limber routine");
        all.ShouldContain("Wednesday 2 December 2026");
        var items = routine.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBeGreaterThanOrEqualTo(3);
        foreach (var item in items)
        {
            var exercise = catalogue.Find(item.GetProperty("exerciseId").GetString()!)!;
            all.ShouldContain(exercise.Name);
            all.ShouldContain(item.GetProperty("doseText").GetString()!);
            foreach (var step in exercise.Steps)
            {
                all.ShouldContain(Words(step), customMessage: exercise.Id);
            }
            foreach (var cue in exercise.Cues.Take(2))
            {
                all.ShouldContain(Words(cue), customMessage: exercise.Id);
            }
        }
        // Once under every exercise, as the Today page says it once under the routine.
        Regex.Count(all, Regex.Escape(SafetyNotice.StopIf)).ShouldBe(items.Count);
        all.ShouldContain(SafetyNotice.StopAnyExercise);
        // Every page carries the footer: the emergency number, when to get help at once, the disclaimer, and its number.
        for (var i = 0; i < pages.Count; i++)
        {
            pages[i].ShouldContain("In an emergency call 112 in Europe, 999 in the UK");
            pages[i].ShouldContain(SafetyNotice.GetHelpAtOnce);
            pages[i].ShouldContain(SafetyNotice.Disclaimer);
            pages[i].ShouldContain($"Page {i + 1} of {pages.Count}");
        }
    }

    [Fact]
    public async Task No_exercise_is_cut_in_half_by_a_page_break()
    {
        using var visitor = await VisitorAsync(server, _browsers, "handout-pages");
        var routine = (await SessionApiTests.RoutineAsync(visitor.Person)).GetProperty("items").EnumerateArray().ToList();
        var catalogue = server.Services.GetRequiredService<ExerciseCatalogue>();

        var pages = PageTexts((await GetAsync(visitor.Browser, Handout)).Bytes);

        // Ten minutes of exercises with a figure each do not fit on one sheet; if they ever do, this test checks less.
        pages.Count.ShouldBeGreaterThan(1);
        foreach (var item in routine)
        {
            var exercise = catalogue.Find(item.GetProperty("exerciseId").GetString()!)!;
            var page = pages.FindIndex(p => p.Contains(exercise.Name, StringComparison.Ordinal));
            page.ShouldBeGreaterThanOrEqualTo(0, exercise.Id);
            pages[page].ShouldContain(item.GetProperty("doseText").GetString()!, customMessage: exercise.Id);
            pages[page].ShouldContain(Words(exercise.Steps[^1]), customMessage: $"{exercise.Id}: its last step is on the page of its name");
        }
    }

    [Fact]
    public async Task The_dose_printed_is_the_person_s_own_after_feedback()
    {
        using var visitor = await VisitorAsync(server, _browsers, "handout-dose");
        var routine = await SessionApiTests.RoutineAsync(visitor.Person);
        var id = routine.GetProperty("items")[0].GetProperty("exerciseId").GetString()!;
        var before = routine.GetProperty("items")[0].GetProperty("doseText").GetString()!;
        (await SessionApiTests.PostAsync(visitor.Person,
            SessionApiTests.Session(routine, feedback: "hurt", worstPain: 7, only: i => i.GetProperty("exerciseId").GetString() == id), "handout-regress"))
            .Status.ShouldBe(HttpStatusCode.Created);
        var after = (await SessionApiTests.RoutineAsync(visitor.Person)).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("exerciseId").GetString() == id).GetProperty("doseText").GetString()!;
        after.ShouldNotBe(before);

        var text = string.Join(" ", PageTexts((await GetAsync(visitor.Browser, Handout)).Bytes));

        text.ShouldContain(after);
    }

    /// <summary>
    /// What is checked of the code, honestly: that the address it should hold is printed under it, and that the squares
    /// drawn are, module for module, QRCoder's encoding of that address, with the three finder patterns in their corners.
    /// The code is not decoded by an independent reader here (none is among the test dependencies, and QRCoder only
    /// encodes); it was decoded from a rendering of the handout while it was made.
    /// </summary>
    [Fact]
    public async Task The_code_holds_the_address_of_the_session_player_printed_under_it()
    {
        using var visitor = await VisitorAsync(server, _browsers, "handout-code");
        var answer = await GetAsync(visitor.Browser, Handout);
        var url = server.Url("/today/play");

        using var pdf = PdfDocument.Open(answer.Bytes);
        var first = pdf.GetPage(1);
        DrawnText(first).ShouldContain(url);

        var drawn = DrawnCode(first);
        ShouldBeTheCodeOf(drawn, url);
        var last = drawn.GetLength(0) - 7;
        foreach (var (top, left) in new[] { (0, 0), (0, last), (last, 0) })
        {
            IsFinderPattern(drawn, top, left).ShouldBeTrue($"finder pattern at {top}, {left}");
        }
        IsFinderPattern(drawn, last, last).ShouldBeFalse("a QR code has no finder pattern in its bottom right corner");
    }

    [Fact]
    public async Task The_code_uses_the_public_address_when_one_is_set()
    {
        await using var behindProxy = AccountServer.With(new Dictionary<string, string?> { ["Limber:PublicUrl"] = "https://limber.example.org/" });
        using var browsers = new NoScriptBrowsers(behindProxy);
        using var visitor = await VisitorAsync(behindProxy, browsers, "handout-public");

        using var pdf = PdfDocument.Open((await GetAsync(visitor.Browser, Handout)).Bytes);
        var first = pdf.GetPage(1);

        DrawnText(first).ShouldContain("https://limber.example.org/today/play");
        ShouldBeTheCodeOf(DrawnCode(first), "https://limber.example.org/today/play");
    }

    [Theory]
    [InlineData("saddle_numbness", "locked")]
    [InlineData("cancer_history", "paused")]
    public async Task A_person_the_gate_holds_back_gets_409_saying_why_and_no_PDF(string yesItem, string words)
    {
        using var visitor = await VisitorAsync(server, _browsers, "handout-gate", screen: false);
        await visitor.Person.StoreScreenAsync(AccountApi.Screen(yes: [yesItem]));

        var problem = await GetAsync(visitor.Browser, Handout, accept: "application/json");
        problem.Status.ShouldBe(HttpStatusCode.Conflict);
        problem.MediaType.ShouldBe("application/problem+json");
        problem.Json.GetProperty("detail").GetString()!.ShouldContain(words);
        problem.Response.Headers.CacheControl!.NoStore.ShouldBeTrue();

        // A browser following the link gets a page of the site saying the same, with the one next step.
        var page = await GetAsync(visitor.Browser, Handout, accept: "text/html,application/xhtml+xml,*/*;q=0.8");
        page.Status.ShouldBe(HttpStatusCode.Conflict);
        page.MediaType.ShouldBe("text/html");
        page.Text.ShouldContain("<h1>No handout yet</h1>");
        page.Text.ShouldContain(words);
        page.Text.ShouldContain("See your screens and confirm when you have been seen");
        page.Text.ShouldContain(SafetyNotice.Disclaimer);
    }

    [Fact]
    public async Task Without_consent_or_onboarding_the_answer_says_what_comes_first()
    {
        using var noConsent = await VisitorAsync(server, _browsers, "handout-consent", consent: false, profile: false, screen: false);
        var refused = await GetAsync(noConsent.Browser, Handout);
        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        refused.Json.GetProperty("detail").GetString()!.ShouldContain("consent");
        var page = await GetAsync(noConsent.Browser, Handout, accept: "text/html");
        page.Status.ShouldBe(HttpStatusCode.Forbidden);
        page.Text.ShouldContain("Give your consent on the account page");

        using var noProfile = await VisitorAsync(server, _browsers, "handout-profile", profile: false, screen: false);
        var conflict = await GetAsync(noProfile.Browser, Handout);
        conflict.Status.ShouldBe(HttpStatusCode.Conflict);
        conflict.Json.GetProperty("detail").GetString()!.ShouldContain("onboarding");
        (await GetAsync(noProfile.Browser, Handout, accept: "text/html")).Text.ShouldContain("Answer the onboarding questions");

        using var noScreen = await VisitorAsync(server, _browsers, "handout-screen", screen: false);
        (await GetAsync(noScreen.Browser, Handout)).Json.GetProperty("detail").GetString()!.ShouldContain("warning-sign questions come first");
    }

    [Fact]
    public async Task Signed_out_it_sends_the_browser_to_sign_in_and_back()
    {
        var answer = await GetAsync(_browsers.New(), $"{Handout}?date=2026-12-02");

        answer.Status.ShouldBe(HttpStatusCode.Redirect);
        var location = answer.Response.Headers.Location!.ToString();
        location.ShouldContain("/account/sign-in");
        Uri.UnescapeDataString(location).ShouldContain("ReturnUrl=/today/handout.pdf?date=2026-12-02");
    }

    [Fact]
    public async Task A_bad_date_is_refused_naming_the_parameter()
    {
        using var visitor = await VisitorAsync(server, _browsers, "handout-date");
        foreach (var bad in new[] { "?date=junk", "?date=2026-13-01", "?date=24.11.2026", "?date=2026-12-01&date=2026-12-02", "?date=" })
        {
            var answer = await GetAsync(visitor.Browser, Handout + bad);
            answer.Status.ShouldBe(HttpStatusCode.BadRequest, bad);
            answer.Json.GetProperty("errors").TryGetProperty("date", out _).ShouldBeTrue(bad);
        }
        (await GetAsync(visitor.Browser, $"{Handout}?day=2026-12-01")).Json.GetProperty("errors").TryGetProperty("day", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Today_and_the_six_weeks_link_to_the_handout()
    {
        using var visitor = await VisitorAsync(server, _browsers, "handout-links");

        foreach (var path in new[] { "/today", "/program" })
        {
            var (status, html) = await NoScriptBrowsers.GetAsync(visitor.Browser, path);
            status.ShouldBe(HttpStatusCode.OK);
            var link = HandoutLink().Match(html);
            link.Success.ShouldBeTrue($"{path} links to the handout");
            WebUtility.HtmlDecode(link.Groups[1].Value).ShouldBe("Print or save today's routine as a PDF");
        }
    }

    [GeneratedRegex("<a href=\"/today/handout\\.pdf\">([^<]*)</a>")]
    private static partial Regex HandoutLink();

    /// <summary>
    /// The modules of the QR code drawn on a page, read back from its vector paths: the one filled path made of
    /// rectangles one module high (runs of dark modules), placed on the grid of the smallest of them.
    /// </summary>
    internal static bool[,] DrawnCode(UglyToad.PdfPig.Content.Page page)
    {
        var runs = page.Paths
            .Where(p => p.IsFilled && p.Count >= 20)
            .Select(p => p.Select(s => s.GetBoundingRectangle()).OfType<PdfRectangle>().ToList())
            .Where(rects => rects.Count > 0 && rects.All(r => Math.Abs(r.Height - rects[0].Height) < 0.01))
            .ShouldHaveSingleItem("one path of equal-height squares: the code");
        var module = runs[0].Height;
        var left = runs.Min(r => r.Left);
        var top = runs.Max(r => r.Top);
        var size = (int)Math.Round((runs.Max(r => r.Right) - left) / module);
        var modules = new bool[size, size];
        foreach (var run in runs)
        {
            // PDF's y grows upwards: rows count down from the top.
            var row = (int)Math.Round((top - run.Top) / module);
            var from = (int)Math.Round((run.Left - left) / module);
            var to = (int)Math.Round((run.Right - left) / module);
            for (var column = from; column < to; column++)
            {
                modules[row, column] = true;
            }
        }
        return modules;
    }

    internal static void ShouldBeTheCodeOf(bool[,] drawn, string text)
    {
        var expected = QrSquares.Modules(text);
        drawn.GetLength(0).ShouldBe(expected.GetLength(0), "modules a side");
        for (var row = 0; row < expected.GetLength(0); row++)
        {
            for (var column = 0; column < expected.GetLength(1); column++)
            {
                drawn[row, column].ShouldBe(expected[row, column], $"module {row}, {column}");
            }
        }
    }

    /// <summary>A 7 x 7 finder pattern: a dark ring, a light ring, a dark 3 x 3 centre.</summary>
    private static bool IsFinderPattern(bool[,] modules, int top, int left)
    {
        for (var r = 0; r < 7; r++)
        {
            for (var c = 0; c < 7; c++)
            {
                var ring = Math.Max(Math.Abs(r - 3), Math.Abs(c - 3));
                if (modules[top + r, left + c] != (ring != 2))
                {
                    return false;
                }
            }
        }
        return true;
    }
}
