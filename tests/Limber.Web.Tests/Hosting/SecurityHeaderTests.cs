namespace Limber.Web.Tests.Hosting;

/// <summary>Every kind of response carries the security headers, errors included.</summary>
[Collection(ServerCollection.Name)]
public class SecurityHeaderTests(LimberServer server)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/exercises?kind=stretch")]
    [InlineData("/exercises?kind=nap")]
    [InlineData("/exercises/glute-bridge")]
    [InlineData("/screen")]
    [InlineData("/figures")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/exercises")]
    [InlineData("/api/v1/exercises/no-such-exercise")]
    [InlineData("/api/v1/safety/items")]
    [InlineData("/exercises/glute-bridge/figure.svg")]
    [InlineData("/exercises/glute-bridge/figure.png")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/favicon.svg")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var http = server.CreateHttpClient();
        var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

        var csp = Header("Content-Security-Policy");
        csp.ShouldNotBeEmpty($"{url} has no Content-Security-Policy");
        // Scripts may only come from this site, never inline; nothing may frame a page.
        csp.ShouldNotContain("script-src 'unsafe-inline'");
        csp.ShouldNotContain("'unsafe-eval'");
        (csp.Contains("default-src 'none'", StringComparison.Ordinal) || csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal))
            .ShouldBeTrue($"{url}: {csp}");
        Header("X-Content-Type-Options").ShouldBe("nosniff");
        Header("X-Frame-Options").ShouldBe("DENY");
        Header("Referrer-Policy").ShouldBe("no-referrer");
    }

    [Fact]
    public async Task The_country_cookie_is_HttpOnly_and_SameSite()
    {
        using var http = server.CreateHttpClient();
        var page = await http.GetStringAsync(new Uri("/screen", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"");
        var value = token.Groups[1].Success ? token.Groups[1].Value : token.Groups[2].Value;
        value.ShouldNotBeEmpty("the screen form carries an antiforgery token");
        using var form = new FormUrlEncodedContent([new("_handler", "screen"), new("__RequestVerificationToken", value), new("region", "GB"), new("age", "")]);
        var response = await http.PostAsync(new Uri("/screen", UriKind.Relative), form);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("limber-region=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var http = server.CreateHttpClient();
        using var form = new FormUrlEncodedContent([new("_handler", "screen"), new("region", "GB"), new("age", "40")]);
        var response = await http.PostAsync(new Uri("/screen", UriKind.Relative), form);
        ((int)response.StatusCode).ShouldBe(400);
    }
}
