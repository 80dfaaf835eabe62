using System.Net;
using System.Text.RegularExpressions;

namespace Limber.Web.Tests.Hosting;

/// <summary>The server-rendered pages over HTTP: status codes, the footer every page carries, and headers.</summary>
[Collection(ServerCollection.Name)]
public partial class PagesTests(LimberServer server)
{
    private readonly HttpClient _http = server.CreateHttpClient();

    private async Task<(HttpResponseMessage Response, string Html)> Get(string url)
    {
        var response = await _http.GetAsync(new Uri(url, UriKind.Relative));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/exercises")]
    [InlineData("/exercises/kneeling-hip-flexor-stretch")]
    [InlineData("/exercises?kind=nap")]
    [InlineData("/no-such-page")]
    public async Task Every_page_carries_the_disclaimer_and_the_emergency_number(string url)
    {
        var (_, html) = await Get(url);
        html.ShouldContain("not a medical device");
        html.ShouldContain("In an emergency call");
        html.ShouldContain("112");
    }

    [Fact]
    public async Task The_catalogue_page_counts_its_results()
    {
        var (response, html) = await Get("/exercises?position=standing");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var count = int.Parse(CountHeading().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        CardLink().Count(html).ShouldBe(Math.Min(count, 50));
    }

    [Fact]
    public async Task A_bad_filter_on_the_page_answers_400_and_names_the_filter()
    {
        var (response, html) = await Get("/exercises?kind=nap&maxMinutes=never");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        html.ShouldContain("role=\"alert\"");
        html.ShouldContain("Kind: &#x27;nap&#x27; is not a known kind");
        html.ShouldContain("Fits in: maxMinutes must be a whole number");
    }

    [Fact]
    public async Task The_exercise_page_gives_the_dose_in_words_and_numbered_steps()
    {
        var (response, html) = await Get("/exercises/kneeling-hip-flexor-stretch");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<h1>Kneeling hip flexor stretch</h1>");
        html.ShouldContain("Hold 30 seconds,");
        html.ShouldContain("on each side");
        html.ShouldContain("<ol class=\"numbered\">");
        html.ShouldContain("href=\"/exercises/standing-hip-flexor-stretch\"");
    }

    [Fact]
    public async Task An_unknown_exercise_page_is_404_with_a_way_back()
    {
        var (response, html) = await Get("/exercises/no-such-thing");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("Page not found");
        html.ShouldContain("href=\"/exercises\"");
    }

    [Fact]
    public async Task Pages_forbid_requests_to_other_origins()
    {
        var (response, html) = await Get("/");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("connect-src 'self'");
        // Nothing the page loads by itself comes from elsewhere (links people follow are fine).
        LoadedUrl().Matches(html).Select(m => m.Groups[1].Value).ShouldAllBe(u => !u.Contains("//"));
    }

    [Fact]
    public async Task Pages_work_without_javascript()
    {
        var (_, html) = await Get("/exercises");
        html.ShouldNotContain("<script");
        html.ShouldContain("<form method=\"get\" action=\"/exercises\"");
    }

    [GeneratedRegex("<h2 id=\"results-heading\"[^>]*>(\\d+) exercises?</h2>")]
    private static partial Regex CountHeading();

    [GeneratedRegex("<li class=\"card\"><h3><a href=\"/exercises/")]
    private static partial Regex CardLink();

    [GeneratedRegex("<(?:script|img|link|iframe)[^>]+(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex LoadedUrl();
}
