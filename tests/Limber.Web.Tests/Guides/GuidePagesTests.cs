using System.Net;
using System.Text.RegularExpressions;
using Limber.Domain.Guides;
using Limber.Domain.Safety;

namespace Limber.Web.Tests.Guides;

/// <summary>The guide pages over HTTP: every guide renders with its sources, unknown ones are 404, and nothing inline.</summary>
[Collection(ServerCollection.Name)]
public sealed partial class GuidePagesTests(LimberServer server) : IDisposable
{
    private readonly NoScriptBrowsers _browsers = new(server);

    [GeneratedRegex(@"all[\s-]+clear|\btreat|\bcur(e|es|ed|ing)\b|\breliev|\brelief\b|\bdiagnos|clinically proven", RegexOptions.IgnoreCase)]
    private static partial Regex Avoided();

    [GeneratedRegex("<main[^>]*>(.*)</main>", RegexOptions.Singleline)]
    private static partial Regex MainElement();

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)[^>]*>|\sstyle=""|\son[a-z]+=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScriptOrStyle();

    private async Task<(HttpStatusCode Status, string Html)> Get(string path) => await NoScriptBrowsers.GetAsync(_browsers.New(), path);

    public static TheoryData<string> Ids() => [.. GuideIds.All];

    [Fact]
    public async Task The_list_links_every_guide_and_its_stylesheet()
    {
        var (status, html) = await Get("/guides");
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<h1>Self-care guides</h1>");
        foreach (var id in GuideIds.All)
        {
            html.ShouldContain($"href=\"/guides/{id}\"");
        }
        html.ShouldContain("css/guides");
        html.ShouldContain("<a href=\"/guides\">Guides</a>", customMessage: "the site navigation links the guides");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Every_guide_page_shows_its_text_and_sources_in_Limber_words(string id)
    {
        var (status, html) = await Get($"/guides/{id}");
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("<h2 id=\"guide-sources\">Sources</h2>");
        html.ShouldContain("href=\"/guides\"", customMessage: "a breadcrumb back to the list");
        html.ShouldContain("class=\"guide-body\"");
        var main = MainElement().Match(html).Groups[1].Value;
        main.ShouldNotBeEmpty();
        // Limber's own words; the titles of the cited papers below them are quoted as published.
        var ours = main[..main.IndexOf("id=\"guide-sources\"", StringComparison.Ordinal)];
        Avoided().Matches(ours).Select(m => m.Value).ShouldBeEmpty();
        InlineScriptOrStyle().Matches(html).Select(m => m.Value).ShouldBeEmpty("CSP allows no inline scripts, styles or handlers");
        foreach (Match url in Regex.Matches(main, "<a href=\"(https://[^\"]+)\"(?<rest>[^>]*)>"))
        {
            url.Groups["rest"].Value.ShouldContain("noopener");
        }
        if (id != GuideIds.WhenToSeeADoctor)
        {
            html.ShouldContain($"href=\"/guides/{GuideIds.WhenToSeeADoctor}\"");
        }
    }

    [Fact]
    public async Task Sources_are_listed_with_their_citations_and_links()
    {
        var (_, html) = await Get("/guides/sleeping-positions");
        html.ShouldContain("Cary D, Briffa K, McKenna L.");
        html.ShouldContain("<a href=\"https://doi.org/10.1136/bmjopen-2018-027633\" rel=\"noopener noreferrer\">");
    }

    [Fact]
    public async Task An_unknown_guide_is_404_with_a_way_back()
    {
        var (status, html) = await Get("/guides/no-such-guide");
        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("Page not found");
    }

    [Fact]
    public async Task The_ice_timer_is_a_module_with_a_fallback_a_status_line_and_the_warnings_beside_it()
    {
        var (_, html) = await Get("/guides/heat-or-ice");
        html.ShouldContain("data-guide-timer");
        html.ShouldContain("data-seconds=\"900\"");
        html.ShouldContain("Use the timer on your phone or a kitchen timer", customMessage: "what to do without JavaScript");
        html.ShouldContain("role=\"status\" data-timer-status");
        html.ShouldMatch("<script type=\"module\" src=\"[^\"]*js/guide-timer[^\"]*\\.js\"></script>");
        html.ShouldContain("Ice straight on the skin can cause an ice burn");
        html.ShouldContain("<li>Warm, never hot.</li>");
        html.ShouldContain("<li>Never while you sleep.</li>");
        html.ShouldContain("<li>Not on skin that feels numb.</li>");
        html.ShouldContain("<li>Not on a swollen or inflamed area.</li>");

        var (status, script) = await Get("/js/guide-timer.js");
        status.ShouldBe(HttpStatusCode.OK);
        script.ShouldContain("[data-timer-toggle]");
        script.ShouldContain("Date.now()");
    }

    [Fact]
    public async Task Sleeping_positions_shows_its_figures_with_words_for_each()
    {
        var (_, html) = await Get("/guides/sleeping-positions");
        html.ShouldContain("<img src=\"/guides/sleeping-positions/figures/1.svg\" alt=\"A person lying on their back");
        html.ShouldContain("<img src=\"/guides/sleeping-positions/figures/2.svg\" alt=\"A person lying on their side");
        html.ShouldContain("<figcaption>On your back, a pillow under your knees</figcaption>");
    }

    [Fact]
    public async Task The_warning_sign_result_links_when_to_see_a_doctor()
    {
        var browser = _browsers.New();
        var (_, page) = await NoScriptBrowsers.GetAsync(browser, "/screen");
        var (status, html) = await NoScriptBrowsers.PostAsync(browser, "/screen", "screen", page,
            [new("region", "GB"), new("age", "40"), new("firstEpisode", "no"),
             .. WarningSignScreen.Items.Select(i => new KeyValuePair<string, string>($"a.{i.Id}", "no"))]);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("No warning signs reported");
        html.ShouldContain("href=\"/guides/when-to-see-a-doctor\"");
    }

    public void Dispose() => _browsers.Dispose();
}
