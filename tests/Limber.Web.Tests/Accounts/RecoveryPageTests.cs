using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// Confirming an address and resetting a password through the pages, as a browser without JavaScript does it:
/// real HTTP, antiforgery cookie and token, and the links taken from the e-mails the app writes to its mail folder.
/// </summary>
public sealed partial class RecoveryPageTests : IDisposable
{
    private const string Password = "correct horse battery";
    private const string NewPassword = "staple lantern orchard";

    private const string ForgotAnswer =
        "If an account uses that address, we have sent it a link to choose a new password. The link works for one day.";

    private const string ResendAnswer = "If an account uses that address and it is not confirmed yet, we have sent a new link.";

    private const string LinkNotValid = "This link does not work";

    // A server of its own for each test: a clean mail folder, and the allowance of attempts per minute
    // (shared by the three recovery forms) is not used up by the other tests.
    private readonly string _dataFolder = Directory.CreateTempSubdirectory("limber-recovery-").FullName;
    private readonly LimberServer _server;
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    public RecoveryPageTests()
    {
        _server = LimberServer.WithData(_dataFolder);
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = _server.BaseAddress };
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold its file for a moment; the temp folder is cleaned up later.
        }
    }

    // --- confirming the address

    [Fact]
    public async Task Following_the_link_in_the_confirmation_mail_confirms_the_address()
    {
        const string email = "confirm.me@example.org";
        await RegisterAsync(email);
        (await MeAsync(email, Password)).GetProperty("emailConfirmed").GetBoolean().ShouldBeFalse();

        var link = LinkIn(Mails().ShouldHaveSingleItem(), "/account/confirm-email");
        var (status, html) = await GetAsync(link);

        status.ShouldBe(HttpStatusCode.OK);
        MainOf(html).ShouldContain("Your e-mail address is confirmed");
        MainOf(html).ShouldContain("href=\"/account/sign-in\"");
        html.ShouldContain("<title>E-mail address confirmed");
        OneH1(html);
        (await MeAsync(email, Password)).GetProperty("emailConfirmed").GetBoolean().ShouldBeTrue();

        // The same link again, as a mail program checking links might follow it, still says the address is confirmed.
        (await GetAsync(link)).Html.ShouldContain("is confirmed");
    }

    [Fact]
    public async Task A_missing_or_garbled_confirmation_link_says_it_does_not_work_and_offers_a_new_one()
    {
        await RegisterAsync("garbled.confirm@example.org");
        var id = IdIn(LinkIn(Mails().Single(), "/account/confirm-email"));
        string[] links =
        [
            "/account/confirm-email",
            "/account/confirm-email?id=&code=",
            "/account/confirm-email?id=not-a-guid&code=abc",
            $"/account/confirm-email?id={Guid.NewGuid()}&code=Q2ZESjhBYmM",
            $"/account/confirm-email?id={id}",
            $"/account/confirm-email?id={id}&code=%%%not-base64%%%",
            // Valid base64url, but not a token Identity made.
            $"/account/confirm-email?id={id}&code=Q2ZESjhBYmMtXzEyMw",
            $"/account/confirm-email?id={id}&code={new string('A', 5000)}",
        ];

        foreach (var link in links)
        {
            var (status, html) = await GetAsync(link);
            status.ShouldBe(HttpStatusCode.OK, link);
            MainOf(html).ShouldContain(LinkNotValid, customMessage: link);
            MainOf(html).ShouldContain("role=\"alert\"", customMessage: link);
            // The form to ask for a new link is right there, posting to its own page.
            MainOf(html).ShouldContain("action=\"/account/confirm-email/resend\"", customMessage: link);
            html.ShouldContain("autocomplete=\"email\"", customMessage: link);
            OneH1(html);
        }
    }

    [Fact]
    public async Task Asking_for_a_new_confirmation_link_answers_the_same_whatever_the_address()
    {
        const string email = "resend.me@example.org";
        await RegisterAsync(email);

        // From the form on the page a dead link shows.
        var deadLink = await GetAsync("/account/confirm-email?id=x&code=y");
        var (status, forUnconfirmed) = await PostAsync("/account/confirm-email/resend", deadLink.Html, ("email", email));
        status.ShouldBe(HttpStatusCode.OK);
        MainOf(forUnconfirmed).ShouldContain(ResendAnswer);
        OneH1(forUnconfirmed);
        Mails().Count.ShouldBe(2);

        // The new link works.
        var link = LinkIn(Mails()[^1], "/account/confirm-email");
        (await GetAsync(link)).Html.ShouldContain("Your e-mail address is confirmed");

        // From the page of its own: an unknown address and an address already confirmed get the same words, and no mail.
        var page = await GetAsync("/account/confirm-email/resend");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain("<label for=\"email\">");
        OneH1(page.Html);
        var forUnknown = await PostAsync("/account/confirm-email/resend", page.Html, ("email", "nobody.here@example.org"));
        var forConfirmed = await PostAsync("/account/confirm-email/resend", page.Html, ("email", email));

        forUnknown.Status.ShouldBe(HttpStatusCode.OK);
        forConfirmed.Status.ShouldBe(HttpStatusCode.OK);
        MainOf(forUnknown.Html).ShouldBe(MainOf(forUnconfirmed));
        MainOf(forConfirmed.Html).ShouldBe(MainOf(forUnconfirmed));
        Mails().Count.ShouldBe(2);
        NoAddressIsLogged(email, "nobody.here@example.org");
    }

    [Theory]
    [InlineData("", "Enter your e-mail address.")]
    [InlineData("not an address", "Enter your e-mail address in the form name@example.org.")]
    public async Task Asking_for_a_new_confirmation_link_with_a_bad_address_names_the_field(string email, string message)
    {
        var page = await GetAsync("/account/confirm-email/resend");

        var (status, html) = await PostAsync("/account/confirm-email/resend", page.Html, ("email", email));

        status.ShouldBe(HttpStatusCode.BadRequest);
        FieldErrorIsShown(html, "email", message);
        Mails().ShouldBeEmpty();
    }

    // --- resetting the password

    [Fact]
    public async Task The_link_in_the_reset_mail_sets_a_new_password_and_the_old_one_stops_working()
    {
        const string email = "forgetful@example.org";
        await RegisterAsync(email);
        var before = await LoginAsync(email, Password);
        before.StatusCode.ShouldBe(HttpStatusCode.OK);
        var oldRefreshToken = (await before.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();

        var forgot = await GetAsync("/account/forgot-password");
        forgot.Status.ShouldBe(HttpStatusCode.OK);
        forgot.Html.ShouldContain("<title>Forgot your password?");
        forgot.Html.ShouldContain("<label for=\"email\">");
        forgot.Html.ShouldContain("autocomplete=\"email\"");
        OneH1(forgot.Html);
        var answer = await PostAsync("/account/forgot-password", forgot.Html, ("email", email));
        answer.Status.ShouldBe(HttpStatusCode.OK);
        MainOf(answer.Html).ShouldContain(ForgotAnswer);

        var link = LinkIn(Mails()[^1], "/account/reset-password");
        var page = await GetAsync(link);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain("<title>Choose a new password");
        page.Html.ShouldContain("<label for=\"password\">");
        page.Html.ShouldContain("autocomplete=\"new-password\"");
        page.Html.ShouldContain("At least 10 characters");
        page.Html.ShouldContain("aria-describedby=\"password-hint\"");
        OneH1(page.Html);
        // The form posts to the bare address: the token travels in the body, not in another URL.
        page.Html.ShouldContain("action=\"/account/reset-password\"");

        var changed = await PostAsync("/account/reset-password", page.Html, ("password", NewPassword));
        changed.Status.ShouldBe(HttpStatusCode.OK);
        MainOf(changed.Html).ShouldContain("Your password is changed. Sign in with it.");
        MainOf(changed.Html).ShouldContain("href=\"/account/sign-in\"");
        OneH1(changed.Html);

        (await LoginAsync(email, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await LoginAsync(email, Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // The security stamp changed, so what the old password signed in is over.
        using var refresh = await _http.PostAsJsonAsync(new Uri("/api/v1/auth/refresh", UriKind.Relative), new { refreshToken = oldRefreshToken });
        refresh.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // Each link works once.
        var again = await GetAsync(link);
        again.Status.ShouldBe(HttpStatusCode.OK);
        MainOf(again.Html).ShouldContain(LinkNotValid);
        MainOf(again.Html).ShouldContain("href=\"/account/forgot-password\"");
        var replay = await PostAsync("/account/reset-password", page.Html, ("password", "yet another passphrase"));
        MainOf(replay.Html).ShouldContain(LinkNotValid);
        (await LoginAsync(email, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_an_unknown_address_and_sends_nothing()
    {
        const string email = "known.person@example.org";
        await RegisterAsync(email);
        var page = await GetAsync("/account/forgot-password");

        var forUnknown = await PostAsync("/account/forgot-password", page.Html, ("email", "unknown.person@example.org"));
        Mails().Count.ShouldBe(1, "only the confirmation mail from signing up");
        var forKnown = await PostAsync("/account/forgot-password", page.Html, ("email", email));
        Mails().Count.ShouldBe(2);

        forUnknown.Status.ShouldBe(HttpStatusCode.OK);
        forKnown.Status.ShouldBe(HttpStatusCode.OK);
        MainOf(forUnknown.Html).ShouldContain(ForgotAnswer);
        MainOf(forUnknown.Html).ShouldBe(MainOf(forKnown.Html));
        NoAddressIsLogged(email, "unknown.person@example.org");
    }

    [Theory]
    [InlineData("", "Enter your e-mail address.")]
    [InlineData("   ", "Enter your e-mail address.")]
    [InlineData("someone@", "Enter your e-mail address in the form name@example.org.")]
    [InlineData("no-domain@localhost", "Enter your e-mail address in the form name@example.org.")]
    public async Task Forgot_password_with_a_missing_or_bad_address_names_the_field(string email, string message)
    {
        var page = await GetAsync("/account/forgot-password");

        var (status, html) = await PostAsync("/account/forgot-password", page.Html, ("email", email));

        status.ShouldBe(HttpStatusCode.BadRequest);
        FieldErrorIsShown(html, "email", message);
        MainOf(html).ShouldNotContain(ForgotAnswer);
        Mails().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_missing_or_garbled_reset_link_says_it_does_not_work_and_where_to_get_a_new_one()
    {
        await RegisterAsync("garbled.reset@example.org");
        var id = IdIn(LinkIn(Mails().Single(), "/account/confirm-email"));
        string[] links =
        [
            "/account/reset-password",
            "/account/reset-password?id=&code=",
            "/account/reset-password?id=not-a-guid&code=abc",
            $"/account/reset-password?id={Guid.NewGuid()}&code=Q2ZESjhBYmM",
            $"/account/reset-password?id={id}",
            $"/account/reset-password?id={id}&code=%%%not-base64%%%",
            $"/account/reset-password?id={id}&code=Q2ZESjhBYmMtXzEyMw",
            $"/account/reset-password?id={id}&code={new string('A', 5000)}",
        ];

        foreach (var link in links)
        {
            var (status, html) = await GetAsync(link);
            status.ShouldBe(HttpStatusCode.OK, link);
            MainOf(html).ShouldContain(LinkNotValid, customMessage: link);
            MainOf(html).ShouldContain("role=\"alert\"", customMessage: link);
            MainOf(html).ShouldContain("href=\"/account/forgot-password\"", customMessage: link);
            MainOf(html).ShouldNotContain("type=\"password\"", customMessage: link);
            OneH1(html);
        }

        // A form posted with a garbled link changes nothing.
        var forgot = await GetAsync("/account/forgot-password");
        var posted = await PostAsync("/account/reset-password", forgot.Html,
            ("_handler", "reset-password"), ("id", id), ("code", "Q2ZESjhBYmMtXzEyMw"), ("password", NewPassword));
        posted.Status.ShouldBe(HttpStatusCode.OK);
        MainOf(posted.Html).ShouldContain(LinkNotValid);
        (await LoginAsync("garbled.reset@example.org", NewPassword)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await LoginAsync("garbled.reset@example.org", Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("", "Enter a new password.")]
    [InlineData("short", "at least 10 characters")]
    [InlineData("aaaaaaaaaaaaaa", "at least 4 different characters")]
    public async Task A_new_password_that_breaks_a_rule_is_named_under_the_password_field(string password, string message)
    {
        const string email = "rule.breaker@example.org";
        await RegisterAsync(email);
        var forgot = await GetAsync("/account/forgot-password");
        await PostAsync("/account/forgot-password", forgot.Html, ("email", email));
        var page = await GetAsync(LinkIn(Mails()[^1], "/account/reset-password"));

        var (status, html) = await PostAsync("/account/reset-password", page.Html, ("password", password));

        status.ShouldBe(HttpStatusCode.BadRequest);
        FieldErrorIsShown(html, "password", message);
        // The hint stays linked beside the error, and the link still works for the next try.
        html.ShouldContain("aria-describedby=\"password-hint password-error\"");
        var retry = await PostAsync("/account/reset-password", html, ("password", NewPassword));
        MainOf(retry.Html).ShouldContain("Your password is changed.");
        (await LoginAsync(email, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_new_password_ends_a_lockout_from_wrong_guesses()
    {
        const string email = "locked.out@example.org";
        await RegisterAsync(email);
        for (var i = 0; i < 5; i++)
        {
            (await LoginAsync(email, "wrong guess number " + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        (await LoginAsync(email, Password)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "locked out");

        var forgot = await GetAsync("/account/forgot-password");
        await PostAsync("/account/forgot-password", forgot.Html, ("email", email));
        var page = await GetAsync(LinkIn(Mails()[^1], "/account/reset-password"));
        var changed = await PostAsync("/account/reset-password", page.Html, ("password", NewPassword));

        MainOf(changed.Html).ShouldContain("Your password is changed.");
        (await LoginAsync(email, NewPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // --- helpers

    private async Task RegisterAsync(string email)
    {
        using var response = await _http.PostAsJsonAsync(new Uri("/api/v1/auth/register", UriKind.Relative), new { email, password = Password });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        _http.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { email, password });

    private async Task<JsonElement> MeAsync(string email, string password)
    {
        using var login = await LoginAsync(email, password);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/me", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string pathAndQuery)
    {
        using var response = await _http.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Posts the form on <paramref name="page"/> as a browser would: its hidden fields (antiforgery token, form
    /// name, and any others) with the fields given, which win over hidden ones of the same name.
    /// </summary>
    private async Task<(HttpStatusCode Status, string Html)> PostAsync(string path, string page, params (string Name, string Value)[] fields)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in HiddenInput().Matches(page))
        {
            var name = WebUtility.HtmlDecode(Attribute(input.Value, "name"));
            values.TryAdd(name, WebUtility.HtmlDecode(Attribute(input.Value, "value")));
        }
        values.ShouldContainKey("__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        using var form = new FormUrlEncodedContent(values);
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), form);
        ((int)response.StatusCode).ShouldBeLessThan(500);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : "";
    }

    private List<MimeMessage> Mails()
    {
        var folder = Path.Combine(_dataFolder, "mail");
        return Directory.Exists(folder)
            ? [.. Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))]
            : [];
    }

    /// <summary>The path and query of the link to <paramref name="path"/> in a mail's plain-text part.</summary>
    private static string LinkIn(MimeMessage mail, string path)
    {
        var link = Regex.Match(mail.TextBody ?? "", $"https?://[^\\s/]+{Regex.Escape(path)}\\?\\S+");
        link.Success.ShouldBeTrue($"a link to {path} in: {mail.TextBody}");
        return new Uri(link.Value).PathAndQuery;
    }

    private static string IdIn(string pathAndQuery) => Regex.Match(pathAndQuery, "[?&]id=([^&]+)").Groups[1].Value;

    private static string MainOf(string html)
    {
        var main = Regex.Match(html, "<main[^>]*>(.*)</main>", RegexOptions.Singleline);
        main.Success.ShouldBeTrue("the page has a main element");
        return main.Groups[1].Value;
    }

    private static void OneH1(string html) => Regex.Count(html, "<h1[\\s>]").ShouldBe(1);

    /// <summary>The message in the summary at the top (role=alert) and under the field, which points at it.</summary>
    private static void FieldErrorIsShown(string html, string field, string message)
    {
        var main = WebUtility.HtmlDecode(MainOf(html));
        var summary = Regex.Match(main, "<div class=\"alert\" role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline);
        summary.Success.ShouldBeTrue("an error summary at the top");
        summary.Groups[1].Value.ShouldContain(message, Case.Insensitive);
        summary.Groups[1].Value.ShouldContain($"#{field}\"");
        var error = Regex.Match(main, $"<p class=\"field-error\" id=\"{field}-error\">(.*?)</p>", RegexOptions.Singleline);
        error.Success.ShouldBeTrue($"a message at the {field} field");
        error.Groups[1].Value.ShouldContain(message, Case.Insensitive);
        var input = Regex.Match(main, $"<input[^>]*\\sid=\"{field}\"[^>]*>").Value;
        input.ShouldContain("aria-invalid=\"true\"");
        Attribute(input, "aria-describedby").Split(' ').ShouldContain($"{field}-error");
    }

    private void NoAddressIsLogged(params string[] addresses)
    {
        var log = new StringBuilder().AppendJoin('\n', _server.LogLines).ToString();
        foreach (var address in addresses)
        {
            log.ShouldNotContain(address, Case.Insensitive);
        }
    }

    [GeneratedRegex("<input[^>]*\\stype=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();
}
