using System.Net;
using System.Text.RegularExpressions;
using Limber.Web.Tests.Accounts;
using Limber.Web.Tests.Planning;

namespace Limber.Web.Tests.Hosting;

/// <summary>
/// What Lighthouse's SEO and accessibility audits look for in the markup, on the pages bench/lighthouse measures
/// (issue 11), as the signed-in person sees them: a language, a title, a description, a viewport that lets people
/// zoom, and links that say where they go. The scores themselves need a browser and time: bench/lighthouse/run.sh.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed partial class PageAuditTests(AccountServer server) : IDisposable
{
    /// <summary>Link texts Lighthouse's "link text is not descriptive" audit refuses (English).</summary>
    private static readonly HashSet<string> VagueLinkTexts = new(StringComparer.OrdinalIgnoreCase)
    {
        "click here", "click this", "go", "here", "information", "learn more", "more", "more info", "more information",
        "right here", "read more", "see more", "start", "this",
    };

    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    [Fact]
    public async Task The_measured_pages_have_a_language_title_description_zoomable_viewport_and_descriptive_links()
    {
        var (browser, api) = await _browsers.SignedUpAsync("page-audit");
        await NoScriptBrowsers.OnboardAsync(api);
        (await AccountApi.PostAsync(api, "/api/v1/me/checkins", CheckInApiTests.Body(painNow: 3))).Status.ShouldBe(HttpStatusCode.Created);

        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in new[] { "/", "/exercises", "/exercises/cat-cow", "/screen", "/today", "/today/play", "/progress" })
        {
            var (status, html) = await NoScriptBrowsers.GetAsync(browser, page);
            status.ShouldBe(HttpStatusCode.OK, page);
            html.ShouldContain("<html lang=\"en\">", customMessage: page);

            var title = Title().Matches(html).ShouldHaveSingleItem(page).Groups[1].Value.Trim();
            title.ShouldNotBeEmpty(page);
            titles[page] = title;
            Description().Match(html).Groups[1].Value.Trim().ShouldNotBeEmpty($"{page} has no meta description");
            var viewport = Viewport().Match(html);
            viewport.Success.ShouldBeTrue($"{page} has no viewport");
            viewport.Groups[1].Value.ShouldNotContain("user-scalable=no", Case.Insensitive, page);
            viewport.Groups[1].Value.ShouldNotContain("maximum-scale", Case.Insensitive, page);

            var vague = Link().Matches(html)
                .Select(link => WebUtility.HtmlDecode(Tag().Replace(link.Groups[1].Value, "")).Trim())
                .Where(VagueLinkTexts.Contains)
                .ToList();
            vague.ShouldBeEmpty($"{page} has links that do not say where they go: {string.Join(", ", vague)}");
        }
        titles.Values.Distinct(StringComparer.Ordinal).Count().ShouldBe(titles.Count, string.Join(" | ", titles.Values));
    }

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex Title();

    [GeneratedRegex("<meta name=\"description\" content=\"([^\"]*)\"")]
    private static partial Regex Description();

    [GeneratedRegex("<meta name=\"viewport\" content=\"([^\"]*)\"")]
    private static partial Regex Viewport();

    [GeneratedRegex("<a\\b[^>]*>(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
