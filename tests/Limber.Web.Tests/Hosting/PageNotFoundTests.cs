using System.Net;
using Limber.Web.Tests.Accounts;

namespace Limber.Web.Tests.Hosting;

/// <summary>
/// A page that answers 404 itself sends its own explanation with the status, not an empty body: Blazor drops the
/// page when a component sets 404 during the render, so <c>SetPageStatus</c> sets it as the response starts.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class PageNotFoundTests(AccountServer server) : IDisposable
{
    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    [Fact]
    public async Task The_why_page_for_an_unknown_exercise_says_so_with_a_404()
    {
        var browser = _browsers.New();
        await NoScriptBrowsers.SignUpAsync(browser, $"why.{Guid.NewGuid():N}@example.test", "correct horse battery", consent: true);

        var (status, html) = await NoScriptBrowsers.GetAsync(browser, "/why/no-such-exercise");

        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("No such exercise");
        html.ShouldContain("no-such-exercise");
    }
}
