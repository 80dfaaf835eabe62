using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// The passkey endpoints over real HTTP, as the page's script and form use them: the options need the page's
/// antiforgery token, making a passkey needs a signed-in cookie, asking to use one does not, and a bad answer from
/// a browser never signs anyone in nor breaks the server. (Real passkeys are made in the browser tests.) On the
/// account server, whose allowance of sign-in attempts these many tries do not use up.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed partial class PasskeyEndpointTests(AccountServer server) : IDisposable
{
    private const string CreationOptions = "/account/passkey/creation-options";
    private const string RequestOptions = "/account/passkey/request-options";
    private const string SignIn = "/account/passkey/sign-in";
    private const string Password = "correct horse battery";
    private const string NotRecognised = "Limber could not sign you in with that passkey.";

    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    private HttpClient NewBrowser() => _browsers.New();

    private static async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> GetAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static string TokenIn(string html) => NoScriptBrowsers.TokenIn(html);

    /// <summary>Creates an account through the sign-up page, which signs the browser in.</summary>
    private static async Task<string> SignUpAsync(HttpClient http)
    {
        var email = $"passkey.{Guid.NewGuid():N}@example.org";
        var (_, page, _) = await GetAsync(http, "/account/sign-up");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-up",
            ["__RequestVerificationToken"] = TokenIn(page),
            ["email"] = email,
            ["password"] = Password,
        });
        using var response = await http.PostAsync(new Uri("/account/sign-up", UriKind.Relative), form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        new Uri(http.BaseAddress!, response.Headers.Location!).AbsolutePath.ShouldBe("/account");
        return email;
    }

    /// <summary>Posts for options as passkeys.js does: the token from the page in a header, the address (if any) as JSON.</summary>
    private static async Task<ApiAnswer> PostForOptionsAsync(HttpClient http, string path, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, response.Headers, []);
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient http, string? token, string credential, string? returnUrl = null)
    {
        var fields = new Dictionary<string, string> { ["credential"] = credential };
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }
        using var form = new FormUrlEncodedContent(fields);
        return await http.PostAsync(new Uri(SignIn, UriKind.Relative), form);
    }

    private static void ShouldBeOptionsWithAChallenge(ApiAnswer answer)
    {
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        answer.MediaType.ShouldBe("application/json");
        var challenge = answer.Json.GetProperty("challenge").GetString();
        // 32 random bytes, base64url.
        challenge.ShouldNotBeNull().Length.ShouldBeGreaterThanOrEqualTo(43);
    }

    [Fact]
    public async Task Creation_options_need_a_signed_in_cookie()
    {
        var http = NewBrowser();
        var (_, signInPage, _) = await GetAsync(http, "/account/sign-in");

        var anonymous = await PostForOptionsAsync(http, CreationOptions, TokenIn(signInPage));

        // 401 problem+json for the script, not the cookie's redirect to the sign-in page.
        anonymous.ShouldBeProblem(HttpStatusCode.Unauthorized);
        anonymous.Json.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("Sign in");
    }

    [Fact]
    public async Task Signed_in_creation_options_name_the_person_and_carry_a_challenge()
    {
        var http = NewBrowser();
        var email = await SignUpAsync(http);
        var (status, account, _) = await GetAsync(http, "/account");
        status.ShouldBe(HttpStatusCode.OK);

        var answer = await PostForOptionsAsync(http, CreationOptions, TokenIn(account));

        ShouldBeOptionsWithAChallenge(answer);
        var user = answer.Json.GetProperty("user");
        user.GetProperty("name").GetString().ShouldBe(email);
        user.GetProperty("displayName").GetString().ShouldBe(email);
        // The user handle is the person's id (as UTF-8, base64url), never the address.
        user.GetProperty("id").GetString().ShouldNotBeNullOrEmpty();
        Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(user.GetProperty("id").GetString())).ShouldNotContain("@");
        answer.Json.GetProperty("rp").GetProperty("id").GetString().ShouldBe(http.BaseAddress!.Host);
        answer.Json.GetProperty("pubKeyCredParams").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Options_without_the_antiforgery_token_are_400_problems()
    {
        var http = NewBrowser();
        await SignUpAsync(http);

        foreach (var path in new[] { CreationOptions, RequestOptions })
        {
            var missing = await PostForOptionsAsync(http, path, token: null);
            missing.ShouldBeProblem(HttpStatusCode.BadRequest).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("Reload");

            var forged = await PostForOptionsAsync(http, path, token: "CfDJ8-not-a-real-token");
            forged.ShouldBeProblem(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task A_token_from_another_browser_is_refused()
    {
        var mine = NewBrowser();
        var theirs = NewBrowser();
        var (_, theirPage, _) = await GetAsync(theirs, "/account/sign-in");
        await GetAsync(mine, "/account/sign-in");

        // The token only counts with the cookie it was issued beside.
        (await PostForOptionsAsync(mine, RequestOptions, TokenIn(theirPage))).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Request_options_are_anonymous_and_answer_JSON_with_a_challenge()
    {
        var http = NewBrowser();
        var (_, page, _) = await GetAsync(http, "/account/sign-in");

        var answer = await PostForOptionsAsync(http, RequestOptions, TokenIn(page));

        ShouldBeOptionsWithAChallenge(answer);
        answer.Json.GetProperty("userVerification").GetString().ShouldBe("required");
    }

    [Fact]
    public async Task Request_options_answer_alike_for_an_unknown_address_and_an_account_without_passkeys()
    {
        var owner = NewBrowser();
        var email = await SignUpAsync(owner);
        var http = NewBrowser();
        var (_, page, _) = await GetAsync(http, "/account/sign-in");
        var token = TokenIn(page);

        var known = await PostForOptionsAsync(http, RequestOptions, token, JsonSerializer.Serialize(new { email }));
        var unknown = await PostForOptionsAsync(http, RequestOptions, token, JsonSerializer.Serialize(new { email = "nobody.here@example.org" }));
        var garbled = await PostForOptionsAsync(http, RequestOptions, token, "{\"email\": ");

        foreach (var answer in new[] { known, unknown, garbled })
        {
            ShouldBeOptionsWithAChallenge(answer);
        }
        Shape(known.Json).ShouldBe(Shape(unknown.Json));
        Shape(garbled.Json).ShouldBe(Shape(unknown.Json));
        known.Json.GetProperty("challenge").GetString().ShouldNotBe(unknown.Json.GetProperty("challenge").GetString());
    }

    /// <summary>The property names and array lengths of an answer, without its values.</summary>
    private static string Shape(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", json.EnumerateObject().Select(p => $"{p.Name}:{Shape(p.Value)}")) + "}",
        JsonValueKind.Array => $"[{json.GetArrayLength()}]",
        _ => json.ValueKind.ToString(),
    };

    [Theory]
    [InlineData("http://localhost:5080", false, true)]
    [InlineData("http://LOCALHOST:5080", false, true)]
    [InlineData("https://localhost:5080", false, false)]
    [InlineData("http://localhost:5081", false, false)]
    [InlineData("http://evil.example", false, false)]
    [InlineData("null", false, false)]
    [InlineData("http://localhost:5080", true, false)]
    public async Task A_passkey_counts_only_when_made_on_this_site_whatever_the_Origin_header_says(string origin, bool inAFrame, bool accepted)
    {
        var options = server.Services.GetRequiredService<IOptions<IdentityPasskeyOptions>>().Value;
        options.ValidateOrigin.ShouldNotBeNull(
            "Limber's passkey origin check is not registered: call services.AddLimberPasskeys() with the account services");
        var request = new DefaultHttpContext();
        request.Request.Scheme = "http";
        request.Request.Host = new HostString("localhost:5080");
        // What browsers send on a form post under Referrer-Policy: no-referrer.
        request.Request.Headers.Origin = "null";

        var valid = await options.ValidateOrigin(new PasskeyOriginValidationContext { HttpContext = request, Origin = origin, CrossOrigin = inAFrame });

        valid.ShouldBe(accepted);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AAAA","signature":"AAAA","userHandle":null}}""")]
    public async Task A_garbage_credential_does_not_sign_in_and_says_so_on_the_sign_in_page(string credential)
    {
        var http = NewBrowser();
        var (_, page, _) = await GetAsync(http, "/account/sign-in?returnUrl=%2Faccount");
        var token = TokenIn(page);
        ShouldBeOptionsWithAChallenge(await PostForOptionsAsync(http, RequestOptions, token));

        using var response = await PostSignInAsync(http, token, credential, returnUrl: "/account");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/account/sign-in?passkey=failed");
        location.ShouldContain("returnUrl=%2Faccount");
        var (status, html, _) = await GetAsync(http, location);
        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("role=\"alert\"");
        html.ShouldContain(NotRecognised);
        // Still signed out.
        (await GetAsync(http, "/account")).Status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_credential_without_asking_for_options_first_goes_back_saying_to_try_again()
    {
        var http = NewBrowser();
        var (_, page, _) = await GetAsync(http, "/account/sign-in");

        using var response = await PostSignInAsync(http, TokenIn(page), """{"id":"AAAA","type":"public-key"}""");

        // As when the options expired: Identity has no request underway to check the answer against.
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in?passkey=expired");
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task An_empty_or_missing_credential_fails_cleanly(string? credential)
    {
        var http = NewBrowser();
        var (_, page, _) = await GetAsync(http, "/account/sign-in");
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = TokenIn(page) };
        if (credential is not null)
        {
            fields["credential"] = credential;
        }
        using var form = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri(SignIn, UriKind.Relative), form);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in?passkey=failed");
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_goes_back_saying_the_page_expired()
    {
        var http = NewBrowser();
        await GetAsync(http, "/account/sign-in");

        using var response = await PostSignInAsync(http, token: null, credential: "{}");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/account/sign-in?passkey=expired");
        (await GetAsync(http, location)).Html.ShouldContain("The sign-in page had expired");
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=nope", "--nope\r\nbroken")]
    [InlineData("application/json", "{\"credential\": \"{}\"}")]
    [InlineData("text/plain", "credential=%7B%7D")]
    public async Task A_sign_in_post_that_is_not_the_page_form_fails_cleanly(string mediaType, string body)
    {
        var http = NewBrowser();
        await GetAsync(http, "/account/sign-in");
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(mediaType);

        using var response = await http.PostAsync(new Uri(SignIn, UriKind.Relative), content);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldStartWith("/account/sign-in?passkey=expired");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task A_failed_sign_in_never_sends_anyone_to_another_site(string returnUrl)
    {
        var http = NewBrowser();
        var (_, page, _) = await GetAsync(http, "/account/sign-in");
        ShouldBeOptionsWithAChallenge(await PostForOptionsAsync(http, RequestOptions, TokenIn(page)));

        using var response = await PostSignInAsync(http, TokenIn(page), "{}", returnUrl);

        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/account/sign-in?");
        location.ShouldContain("returnUrl=%2Faccount#");
    }

    [Fact]
    public async Task The_sign_in_page_offers_a_passkey_button_hidden_until_the_script_shows_it()
    {
        var http = NewBrowser();
        var (status, html, _) = await GetAsync(http, "/account/sign-in?returnUrl=%2Faccount%3Fwelcome%3D1");

        status.ShouldBe(HttpStatusCode.OK);
        Regex.IsMatch(html, "<button[^>]*data-passkey-start[^>]*hidden").ShouldBeTrue();
        html.ShouldContain("Sign in with a passkey");
        // Without JavaScript or passkey support, the page says why there is no button.
        html.ShouldContain("data-passkey-unsupported");
        html.ShouldContain("aria-live=\"polite\"");
        html.ShouldContain($"action=\"{SignIn}\"");
        html.ShouldContain("name=\"returnUrl\" value=\"/account?welcome=1\"");
        ScriptPath(html).ShouldStartWith("/js/passkeys");
    }

    [Fact]
    public async Task The_account_page_explains_passkeys_and_its_add_form_refuses_a_garbage_credential()
    {
        var http = NewBrowser();
        await SignUpAsync(http);
        var (status, account, _) = await GetAsync(http, "/account");

        status.ShouldBe(HttpStatusCode.OK);
        account.ShouldContain("<h2 id=\"passkeys-heading\">Passkeys</h2>");
        account.ShouldContain("fingerprint");
        account.ShouldContain("You have no passkeys yet.");
        Regex.IsMatch(account, "<button[^>]*data-passkey-start[^>]*hidden[^>]*>Add a passkey</button>").ShouldBeTrue();
        var token = TokenIn(account);

        // Without options first, as when they expired.
        var (expiredStatus, expired) = await PostAddAsync(http, token, "{}");
        expiredStatus.ShouldBe(HttpStatusCode.BadRequest);
        expired.ShouldContain("That took too long, so the passkey was not added.");

        ShouldBeOptionsWithAChallenge(await PostForOptionsAsync(http, CreationOptions, token));
        var (garbageStatus, garbage) = await PostAddAsync(http, token, "{\"id\": \"nope\"}");

        garbageStatus.ShouldBe(HttpStatusCode.BadRequest);
        garbage.ShouldContain("role=\"alert\"");
        garbage.ShouldContain("Limber could not add that passkey.");
        garbage.ShouldContain("You have no passkeys yet.");
        // Still signed in.
        (await GetAsync(http, "/account")).Status.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<(HttpStatusCode Status, string Html)> PostAddAsync(HttpClient http, string token, string credential)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "add-passkey",
            ["__RequestVerificationToken"] = token,
            ["credential"] = credential,
        });
        using var response = await http.PostAsync(new Uri("/account", UriKind.Relative), form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_passkey_script_is_served_from_this_site_as_JavaScript()
    {
        var http = NewBrowser();
        var (_, html, _) = await GetAsync(http, "/account/sign-in");

        var (status, script, response) = await GetAsync(http, ScriptPath(html));

        status.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        script.ShouldContain("parseCreationOptionsFromJSON");
        script.ShouldContain("RequestVerificationToken");
        script.ShouldNotContain("alert(");
    }

    /// <summary>The module script's address, from the site's root (the pages have <c>&lt;base href="/"&gt;</c>).</summary>
    private static string ScriptPath(string html)
    {
        var script = Regex.Match(html, "<script type=\"module\" src=\"([^\"]+)\"");
        script.Success.ShouldBeTrue("a module script on the page");
        html.ShouldContain("<base href=\"/\"");
        return new Uri(new Uri("http://limber/"), WebUtility.HtmlDecode(script.Groups[1].Value)).PathAndQuery;
    }
}
