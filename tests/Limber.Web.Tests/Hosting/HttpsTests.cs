using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Limber.Domain.Safety;

namespace Limber.Web.Tests.Hosting;

/// <summary>
/// Outside Development, over HTTPS: every response asks browsers to use HTTPS only (HSTS) and carries the
/// security headers, every cookie is Secure, HttpOnly and SameSite, and a person's own pages and data are never
/// cached. And the same app over plain HTTP still serves its forms, rather than failing on its secure cookies.
/// </summary>
public sealed partial class HttpsTests(ProductionServer server) : IClassFixture<ProductionServer>
{
    /// <summary>A name as a deployment has; HSTS is never sent to localhost or 127.0.0.1.</summary>
    private const string SiteName = "limber.example.org";

    private const string Password = "correct horse battery staple";

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
    private static partial Regex AntiforgeryField();

    [Fact]
    public void The_server_really_speaks_https()
    {
        server.BaseAddress.Scheme.ShouldBe("https");
        server.BaseAddress.Host.ShouldBe("127.0.0.1");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/screen")]
    [InlineData("/exercises?kind=stretch")]
    [InlineData("/no-such-page")]
    [InlineData("/account/sign-up")]
    [InlineData("/account/sign-in")]
    [InlineData("/account")]
    [InlineData("/account/export")]
    [InlineData("/api/v1/exercises")]
    [InlineData("/api/v1/me")]
    [InlineData("/exercises/glute-bridge/figure.svg")]
    [InlineData("/favicon.svg")]
    [InlineData("/openapi/v1.json")]
    public async Task Every_response_over_https_carries_HSTS_and_the_security_headers(string url)
    {
        using var http = server.CreateBrowserLikeClient(SiteName);
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        ((int)response.StatusCode).ShouldBeLessThan(500, url);
        ShouldCarryTheSecurityHeaders(response, url);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_secure_httponly_and_samesite()
    {
        using var http = server.CreateBrowserLikeClient(SiteName);
        using var page = await http.GetAsync(new Uri("/account/sign-up", UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldBeLockedDown(SetCookie(page, "limber.antiforgery"), "strict");
    }

    [Fact]
    public async Task The_sign_in_cookie_from_the_sign_up_form_is_secure_httponly_and_samesite_and_the_account_page_is_not_cached()
    {
        using var http = server.CreateBrowserLikeClient(SiteName);
        var email = $"https-{Guid.NewGuid():N}@example.org";
        using var signedUp = await PostFormAsync(http, "/account/sign-up", "sign-up",
            ("email", email), ("password", Password), ("healthData", "yes"));

        signedUp.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedUp.Content.ReadAsStringAsync());
        signedUp.Headers.Location!.ToString().ShouldEndWith("/account?welcome=1");
        ShouldCarryTheSecurityHeaders(signedUp, "POST /account/sign-up");
        ShouldBeLockedDown(SetCookie(signedUp, "limber.auth"), "lax");

        using var account = await http.GetAsync(new Uri("/account", UriKind.Relative));
        account.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await account.Content.ReadAsStringAsync()).ShouldContain(email);
        ShouldNotBeStored(account, "/account");
        ShouldCarryTheSecurityHeaders(account, "/account");
        // Over HTTPS the page does not warn about plain HTTP.
        (await account.Content.ReadAsStringAsync()).ShouldNotContain("served over plain HTTP");

        using var export = await http.GetAsync(new Uri("/account/export", UriKind.Relative));
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType?.MediaType.ShouldBe("application/zip");
        ShouldNotBeStored(export, "/account/export");
    }

    [Fact]
    public async Task The_cookies_set_by_the_screen_are_secure_over_https()
    {
        using var http = server.CreateBrowserLikeClient(SiteName);
        var answers = WarningSignScreen.Items.Select(i => ($"a.{i.Id}", "no"));
        using var judged = await PostFormAsync(http, "/screen", "screen",
            [("region", "GB"), ("age", "47"), ("firstEpisode", "no"), .. answers]);

        judged.StatusCode.ShouldBe(HttpStatusCode.OK);
        ShouldNotBeStored(judged, "POST /screen");
        ShouldBeLockedDown(SetCookie(judged, "limber.pending-screen"), "lax");
        ShouldBeLockedDown(SetCookie(judged, "limber-region"), "lax");
    }

    [Fact]
    public async Task The_api_answers_about_the_person_are_not_cached()
    {
        using var http = server.CreateBrowserLikeClient(SiteName);
        var credentials = new { email = $"api-{Guid.NewGuid():N}@example.org", password = Password };
        using var registered = await http.PostAsJsonAsync(new Uri("/api/v1/auth/register", UriKind.Relative), credentials);
        ((int)registered.StatusCode).ShouldBeInRange(200, 299, await registered.Content.ReadAsStringAsync());
        using var login = await http.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), credentials);
        login.StatusCode.ShouldBe(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        ShouldNotBeStored(login, "POST /api/v1/auth/login");
        using var tokens = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        var token = tokens.RootElement.GetProperty("accessToken").GetString();

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/me", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var me = await http.SendAsync(request);
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await me.Content.ReadAsStringAsync()).ShouldContain(credentials.email);
        ShouldNotBeStored(me, "/api/v1/me");
        ShouldCarryTheSecurityHeaders(me, "/api/v1/me");
    }

    [Fact]
    public async Task Over_plain_http_in_production_the_forms_still_work_and_say_why_signing_in_may_not_stick()
    {
        await using var plain = ProductionServer.PlainHttp();
        plain.BaseAddress.Scheme.ShouldBe("http");
        using var http = plain.CreateBrowserLikeClient();

        foreach (var path in new[] { "/account/sign-up", "/account/sign-in", "/screen", "/account/forgot-password" })
        {
            using var page = await http.GetAsync(new Uri(path, UriKind.Relative));
            page.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path} over plain HTTP in Production: {await page.Content.ReadAsStringAsync()}");
            // HSTS is only ever sent over HTTPS.
            page.Headers.Contains("Strict-Transport-Security").ShouldBeFalse(path);
        }

        using var signUp = await http.GetAsync(new Uri("/account/sign-up", UriKind.Relative));
        (await signUp.Content.ReadAsStringAsync()).ShouldContain("served over plain HTTP");
        using var signedUp = await PostFormAsync(http, "/account/sign-up", "sign-up",
            ("email", $"plain-{Guid.NewGuid():N}@example.org"), ("password", Password));
        signedUp.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedUp.Content.ReadAsStringAsync());
        // The sign-in cookie stays Secure: a browser may drop it here, which is what the page warns about.
        SetCookie(signedUp, "limber.auth").Split(';').Select(a => a.Trim().ToLowerInvariant()).ShouldContain("secure");
    }

    /// <summary>Opens the form's page for its antiforgery token, then posts the form as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, string handler, params (string Name, string Value)[] fields)
    {
        using var page = await http.GetAsync(new Uri(path, UriKind.Relative));
        page.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}");
        var match = AntiforgeryField().Match(await page.Content.ReadAsStringAsync());
        var token = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
        token.ShouldNotBeEmpty($"{path} carries an antiforgery token");

        using var form = new FormUrlEncodedContent(
            [new("_handler", handler), new("__RequestVerificationToken", WebUtility.HtmlDecode(token)), .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))]);
        return await http.PostAsync(new Uri(path, UriKind.Relative), form);
    }

    private static string SetCookie(HttpResponseMessage response, string name)
    {
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        return cookies.SingleOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal))
            ?? throw new ShouldAssertException($"no {name} cookie among: {string.Join(" | ", cookies.Select(c => c.Split(';')[0].Split('=')[0]))}");
    }

    private static void ShouldBeLockedDown(string cookie, string sameSite)
    {
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        var name = cookie.Split('=')[0];
        attributes.ShouldContain("secure", $"{name}: {string.Join("; ", attributes)}");
        attributes.ShouldContain("httponly", $"{name}: {string.Join("; ", attributes)}");
        attributes.ShouldContain($"samesite={sameSite}", $"{name}: {string.Join("; ", attributes)}");
    }

    private static void ShouldNotBeStored(HttpResponseMessage response, string what) =>
        response.Headers.CacheControl?.NoStore.ShouldBe(true, $"{what} answers with Cache-Control: {response.Headers.CacheControl}");

    private static void ShouldCarryTheSecurityHeaders(HttpResponseMessage response, string what)
    {
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

        var hsts = Header("Strict-Transport-Security");
        hsts.ShouldMatch(@"^max-age=[1-9]\d*", $"{what} has Strict-Transport-Security '{hsts}'");

        var csp = Header("Content-Security-Policy");
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d, StringComparer.Ordinal);
        // Scripts follow script-src, or default-src without it (the figures' SVG has default-src 'none' only).
        var scripts = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
        scripts.ShouldNotBeNull($"{what} has no policy for scripts: {csp}");
        scripts.ShouldNotContain("'unsafe-inline'", customMessage: $"{what}: {csp}");
        scripts.ShouldNotContain("'unsafe-eval'", customMessage: $"{what}: {csp}");
        if (directives.ContainsKey("frame-ancestors") || response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            directives.GetValueOrDefault("frame-ancestors").ShouldBe("frame-ancestors 'none'", $"{what}: {csp}");
        }
        else
        {
            // frame-ancestors does not fall back to default-src, so the figure relies on X-Frame-Options.
            directives.GetValueOrDefault("default-src").ShouldBe("default-src 'none'", $"{what}: {csp}");
            Header("X-Frame-Options").ShouldBe("DENY", what);
        }

        Header("X-Content-Type-Options").ShouldBe("nosniff", what);
        Header("Referrer-Policy").ShouldBe("no-referrer", what);
    }
}
