using System.Net;
using System.Text.RegularExpressions;

namespace Limber.Web.Tests;

/// <summary>
/// Browsers without JavaScript for page tests: each with its own cookies and following no redirects, all
/// disposed with the test class; and the antiforgery token a form page carries, for posting its form.
/// </summary>
internal sealed partial class NoScriptBrowsers(LimberServer server) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public HttpClient New()
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        _owned.Add(http);
        _owned.Add(handler);
        return http;
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    /// <summary>The value of the page's <c>__RequestVerificationToken</c> hidden input.</summary>
    public static string TokenIn(string html)
    {
        var input = TokenInput().Match(html);
        input.Success.ShouldBeTrue("the page has an antiforgery token");
        return WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex TokenInput();

    [GeneratedRegex("\\svalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
