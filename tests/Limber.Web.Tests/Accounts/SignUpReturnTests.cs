using System.Net;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// Signing up from a page that needs an account (a coach's invitation) comes back to that page afterwards, and only
/// ever to a page of this site.
/// </summary>
public sealed class SignUpReturnTests : IDisposable
{
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("limber-signup-return-").FullName;
    private readonly LimberServer _server;

    public SignUpReturnTests() => _server = LimberServer.WithData(_dataFolder);

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dataFolder, recursive: true);
    }

    [Theory]
    [InlineData("/join/abc123", "/join/abc123")]
    [InlineData(null, "/account?welcome=1")]
    [InlineData("https://elsewhere.example/join", "/account")]
    [InlineData("//elsewhere.example/join", "/account")]
    public async Task After_signing_up_the_browser_goes_back_where_it_came_from_on_this_site_only(string? returnUrl, string expected)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = _server.BaseAddress };
        var path = returnUrl is null ? "/account/sign-up" : "/account/sign-up?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var (status, page) = await NoScriptBrowsers.GetAsync(http, path);
        status.ShouldBe(HttpStatusCode.OK);
        // The form posts back with a return address of this site only.
        page.ShouldNotContain("action=\"/account/sign-up?returnUrl=https");
        page.ShouldNotContain("action=\"/account/sign-up?returnUrl=%2F%2F");

        using var form = new FormUrlEncodedContent([
            new("_handler", "sign-up"), new("__RequestVerificationToken", NoScriptBrowsers.TokenIn(page)),
            new("email", $"return.{Guid.NewGuid():N}@example.test"), new("password", "correct horse battery")]);
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), form);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.PathAndQuery.ShouldBe(expected);
        response.Headers.Location.Authority.ShouldBe(_server.BaseAddress.Authority);
    }
}
