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

    /// <summary>
    /// A new person signed up through the page (the browser holds their cookie), with or without the health-data
    /// consent, and an API client signed in as them with a bearer token.
    /// </summary>
    public async Task<(HttpClient Browser, HttpClient Api)> SignedUpAsync(string who, bool consent = true)
    {
        var browser = New();
        var email = Accounts.AccountApi.NewEmail(who);
        const string password = "correct horse battery";
        await SignUpAsync(browser, email, password, consent);
        var api = New();
        var tokens = await Accounts.AccountApi.PostAsync(api, "/api/v1/auth/login", Accounts.AccountApi.Credentials(email, password));
        tokens.Status.ShouldBe(HttpStatusCode.OK, tokens.ToString());
        api.DefaultRequestHeaders.Authorization = new("Bearer", tokens.Json.GetProperty("accessToken").GetString());
        return (browser, api);
    }

    /// <summary>Onboarding answers (baseline pain 4) over the API and, unless told otherwise, a screen with no warning signs.</summary>
    public static async Task OnboardAsync(HttpClient api, bool screen = true)
    {
        using var profile = new StringContent(Planning.ProfileApiTests.Body().ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        (await Accounts.AccountApi.SendAsync(api, HttpMethod.Put, "/api/v1/me/profile", profile)).Status.ShouldBe(HttpStatusCode.Created);
        if (screen)
        {
            (await Accounts.AccountApi.PostAsync(api, "/api/v1/me/screens", Accounts.AccountApi.Screen())).Status.ShouldBe(HttpStatusCode.Created);
        }
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    public static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a page's form, as a browser would: its handler name and antiforgery token, then the fields.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> PostAsync(
        HttpClient http, string path, string handler, string page, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var form = new FormUrlEncodedContent([
            new("_handler", handler), new("__RequestVerificationToken", TokenIn(page)), .. fields]);
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), form);
        ((int)response.StatusCode).ShouldBeLessThan(500);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Signs up through the page, which signs the browser in with the cookie.</summary>
    public static async Task SignUpAsync(HttpClient browser, string email, string password, bool consent)
    {
        var (_, page) = await GetAsync(browser, "/account/sign-up");
        List<KeyValuePair<string, string>> fields = [new("email", email), new("password", password)];
        if (consent)
        {
            fields.Add(new("healthData", "yes"));
        }
        var (status, _) = await PostAsync(browser, "/account/sign-up", "sign-up", page, fields);
        status.ShouldBe(HttpStatusCode.Redirect);
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
