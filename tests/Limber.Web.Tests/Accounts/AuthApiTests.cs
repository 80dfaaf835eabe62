using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using static Limber.Web.Tests.Accounts.AccountApi;

namespace Limber.Web.Tests.Accounts;

/// <summary>Register, sign in, refresh and the bearer token at <c>/api/v1/me</c>, over real HTTP.</summary>
[Collection(AccountServerCollection.Name)]
public sealed class AuthApiTests(AccountServer server) : IDisposable
{
    private const string Register = "/api/v1/auth/register";
    private const string Login = "/api/v1/auth/login";
    private const string Refresh = "/api/v1/auth/refresh";
    private const string Me = "/api/v1/me";

    private readonly HttpClient _http = server.CreateHttpClient();

    public void Dispose() => _http.Dispose();

    // --- register

    [Fact]
    public async Task Registering_answers_201_with_the_account_and_where_to_read_it()
    {
        var email = NewEmail();
        var answer = await PostAsync(_http, Register, Credentials(email, "a long enough passphrase"));

        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        answer.Headers.Location!.OriginalString.ShouldBe("/api/v1/me");
        var json = answer.Json;
        json.GetProperty("id").GetGuid().ShouldNotBe(Guid.Empty);
        json.GetProperty("email").GetString().ShouldBe(email);
        json.GetProperty("emailConfirmed").GetBoolean().ShouldBeFalse();
        json.GetProperty("createdAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        json.TryGetProperty("password", out _).ShouldBeFalse();
        answer.Text.ShouldNotContain("a long enough passphrase");
    }

    [Fact]
    public async Task Registering_writes_a_confirmation_mail_with_a_link_to_the_site()
    {
        var email = NewEmail();
        var before = server.MailFiles().Count;
        (await PostAsync(_http, Register, Credentials(email, "a long enough passphrase"))).Status.ShouldBe(HttpStatusCode.Created);

        var mails = server.MailFiles().Skip(before).Select(File.ReadAllText).Where(m => m.Contains(email, StringComparison.OrdinalIgnoreCase)).ToList();
        var mail = mails.ShouldHaveSingleItem();
        mail.ShouldContain("/account/confirm-email?id=");
    }

    [Fact]
    public async Task A_missing_email_is_named() =>
        (await PostAsync(_http, Register, new JsonObject { ["password"] = "a long enough passphrase" })).ShouldNameField("email");

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("name@")]
    [InlineData("@example.org")]
    [InlineData("two@at@example.org")]
    [InlineData("Name <name@example.org>")]
    [InlineData("name@localhost")]
    [InlineData("   ")]
    public async Task A_bad_email_is_named(string email) =>
        (await PostAsync(_http, Register, Credentials(email, "a long enough passphrase"))).ShouldNameField("email");

    [Fact]
    public async Task An_email_over_254_characters_is_named() =>
        (await PostAsync(_http, Register, Credentials(new string('a', 250) + "@example.org", "a long enough passphrase"))).ShouldNameField("email");

    [Fact]
    public async Task A_missing_password_is_named() =>
        (await PostAsync(_http, Register, new JsonObject { ["email"] = NewEmail() })).ShouldNameField("password");

    [Fact]
    public async Task A_short_password_is_named_and_no_account_is_made()
    {
        var email = NewEmail();
        var json = (await PostAsync(_http, Register, Credentials(email, "short"))).ShouldNameField("password");
        json.GetProperty("errors").GetProperty("password")[0].GetString().ShouldNotBeNull().ShouldContain("10");

        // Nothing was made: the same address registers fine with a good password.
        (await PostAsync(_http, Register, Credentials(email, "a long enough passphrase"))).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_password_over_256_characters_is_named() =>
        (await PostAsync(_http, Register, Credentials(NewEmail(), new string('p', 257)))).ShouldNameField("password");

    [Fact]
    public async Task A_duplicate_email_is_named_in_any_letter_case()
    {
        var email = NewEmail();
        (await PostAsync(_http, Register, Credentials(email, "a long enough passphrase"))).Status.ShouldBe(HttpStatusCode.Created);

        var again = (await PostAsync(_http, Register, Credentials(email, "another long passphrase"))).ShouldNameField("email");
        again.GetProperty("errors").GetProperty("email")[0].GetString().ShouldNotBeNull().ShouldContain("already exists");
        (await PostAsync(_http, Register, Credentials(email.ToUpperInvariant(), "another long passphrase"))).ShouldNameField("email");
    }

    [Fact]
    public async Task An_unknown_field_is_named()
    {
        var body = Credentials(NewEmail(), "a long enough passphrase");
        body["isAdmin"] = true;
        var json = (await PostAsync(_http, Register, body)).ShouldNameField("isAdmin");
        json.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("isAdmin");
    }

    [Theory]
    [InlineData("""{"email": 42, "password": "a long enough passphrase"}""", "email")]
    [InlineData("""{"email": ["a@example.org"], "password": "a long enough passphrase"}""", "email")]
    [InlineData("""{"email": "a@example.org", "password": true}""", "password")]
    [InlineData("""{"email": "a@example.org", "password": {"text": "a long enough passphrase"}}""", "password")]
    public async Task A_field_of_the_wrong_type_is_named(string body, string field) =>
        (await PostAsync(_http, Register, body)).ShouldNameField(field);

    [Theory]
    [InlineData("[]")]
    [InlineData("\"email\"")]
    [InlineData("null")]
    [InlineData("{\"email\": ")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_JSON_object_is_refused_naming_the_body(string body) =>
        (await PostAsync(_http, Register, body)).ShouldNameField("body");

    [Fact]
    public async Task A_body_that_is_not_JSON_is_415() =>
        (await PostAsync(_http, Register, "email=a@example.org&password=x", "application/x-www-form-urlencoded"))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

    [Fact]
    public async Task A_body_over_64_KB_is_413()
    {
        var body = Credentials(NewEmail(), new string('p', 70 * 1024)).ToJsonString();
        (await PostAsync(_http, Register, body)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_over_64_KB_is_413()
    {
        var bytes = Encoding.UTF8.GetBytes(Credentials(NewEmail(), new string('p', 70 * 1024)).ToJsonString());
        using var content = new StreamContent(new NoLengthStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        (await SendAsync(_http, HttpMethod.Post, Register, content)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    // --- login

    [Fact]
    public async Task Signing_in_answers_bearer_tokens()
    {
        using var person = await TestPerson.CreateAsync(server);
        var answer = await PostAsync(_http, Login, Credentials(person.Email, person.Password));

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        answer.MediaType.ShouldBe("application/json");
        var json = answer.Json;
        json.EnumerateObject().Select(p => p.Name).ShouldBe(["tokenType", "accessToken", "expiresIn", "refreshToken"], ignoreOrder: true);
        json.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        json.GetProperty("accessToken").GetString().ShouldNotBeNullOrWhiteSpace();
        json.GetProperty("refreshToken").GetString().ShouldNotBeNullOrWhiteSpace();
        json.GetProperty("expiresIn").GetInt64().ShouldBe(3600);
    }

    [Fact]
    public async Task The_email_is_matched_whatever_its_letter_case_and_surrounding_spaces()
    {
        using var person = await TestPerson.CreateAsync(server);
        (await PostAsync(_http, Login, Credentials($"  {person.Email.ToUpperInvariant()} ", person.Password))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_password_is_401_problem_and_says_the_same_as_an_unknown_address()
    {
        using var person = await TestPerson.CreateAsync(server);
        var wrong = (await PostAsync(_http, Login, Credentials(person.Email, "not the password at all"))).ShouldBeProblem(HttpStatusCode.Unauthorized);
        var unknown = (await PostAsync(_http, Login, Credentials(NewEmail("nobody"), "not the password at all"))).ShouldBeProblem(HttpStatusCode.Unauthorized);

        wrong.GetProperty("title").GetString().ShouldBe(unknown.GetProperty("title").GetString());
        wrong.GetProperty("detail").GetString().ShouldBe(unknown.GetProperty("detail").GetString());
        wrong.TryGetProperty("accessToken", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_login_body_missing_the_password_is_named() =>
        (await PostAsync(_http, Login, new JsonObject { ["email"] = NewEmail() })).ShouldNameField("password");

    [Fact]
    public async Task After_the_allowed_wrong_passwords_even_the_right_one_is_refused()
    {
        using var person = await TestPerson.CreateAsync(server);
        for (var i = 0; i < AccountServer.LockoutAttempts; i++)
        {
            (await PostAsync(_http, Login, Credentials(person.Email, $"wrong password {i}"))).ShouldBeProblem(HttpStatusCode.Unauthorized);
        }

        var locked = (await PostAsync(_http, Login, Credentials(person.Email, person.Password))).ShouldBeProblem(HttpStatusCode.Unauthorized);
        locked.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("locked");
        locked.TryGetProperty("accessToken", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Fewer_wrong_passwords_than_the_limit_then_the_right_one_signs_in()
    {
        using var person = await TestPerson.CreateAsync(server);
        for (var i = 0; i < AccountServer.LockoutAttempts - 1; i++)
        {
            (await PostAsync(_http, Login, Credentials(person.Email, $"wrong password {i}"))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }
        (await PostAsync(_http, Login, Credentials(person.Email, person.Password))).Status.ShouldBe(HttpStatusCode.OK);
    }

    // --- refresh

    [Fact]
    public async Task A_refresh_token_gives_new_tokens_that_work()
    {
        using var person = await TestPerson.CreateAsync(server);
        var answer = await PostAsync(_http, Refresh, new JsonObject { ["refreshToken"] = person.RefreshToken });

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        var json = answer.Json;
        json.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        json.GetProperty("expiresIn").GetInt64().ShouldBe(3600);
        var oldAccess = person.AccessToken;
        person.UseTokens(json);
        person.AccessToken.ShouldNotBe(oldAccess);
        person.RefreshToken.ShouldNotBeNullOrWhiteSpace();
        (await person.GetAsync(Me)).Json.GetProperty("email").GetString().ShouldBe(person.Email);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_garbage_refresh_token_is_401_problem(string token) =>
        (await PostAsync(_http, Refresh, new JsonObject { ["refreshToken"] = token })).ShouldBeProblem(HttpStatusCode.Unauthorized);

    [Fact]
    public async Task An_access_token_is_not_a_refresh_token()
    {
        using var person = await TestPerson.CreateAsync(server);
        (await PostAsync(_http, Refresh, new JsonObject { ["refreshToken"] = person.AccessToken })).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_missing_refresh_token_is_named()
    {
        (await PostAsync(_http, Refresh, "{}")).ShouldNameField("refreshToken");
        (await PostAsync(_http, Refresh, """{"refreshToken": 7}""")).ShouldNameField("refreshToken");
        (await PostAsync(_http, Refresh, """{"token": "x"}""")).ShouldNameField("token");
    }

    [Fact]
    public async Task After_signing_out_everywhere_the_refresh_token_and_the_old_access_token_are_refused()
    {
        using var person = await TestPerson.CreateAsync(server);
        var refresh = person.RefreshToken;
        (await person.GetAsync(Me)).Status.ShouldBe(HttpStatusCode.OK);

        var signedOut = await person.PostAsync("/api/v1/me/sign-out-everywhere", "");
        signedOut.Status.ShouldBe(HttpStatusCode.NoContent, signedOut.ToString());

        (await person.GetAsync(Me)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        (await PostAsync(_http, Refresh, new JsonObject { ["refreshToken"] = refresh })).ShouldBeProblem(HttpStatusCode.Unauthorized);

        // Signing in again works, with tokens of the new sign-in.
        await person.SignInAsync();
        (await person.GetAsync(Me)).Status.ShouldBe(HttpStatusCode.OK);
    }

    // --- the token at /api/v1/me

    [Fact]
    public async Task Me_without_a_token_is_401_problem_and_no_redirect()
    {
        var answer = await GetAsync(_http, Me);
        answer.ShouldBeProblem(HttpStatusCode.Unauthorized);
        answer.Headers.Location.ShouldBeNull();
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Me_with_a_bad_token_is_401_problem_and_no_redirect(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(Me));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await _http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        response.Headers.Location.ShouldBeNull();
    }

    [Theory]
    [InlineData("GET", "/api/v1/me/screens")]
    [InlineData("GET", "/api/v1/me/export")]
    [InlineData("DELETE", "/api/v1/me")]
    [InlineData("POST", "/api/v1/me/consents/health-data")]
    [InlineData("POST", "/api/v1/me/sign-out-everywhere")]
    public async Task Every_me_endpoint_without_a_token_is_401_problem(string method, string path)
    {
        var answer = await SendAsync(_http, new HttpMethod(method), path);
        answer.ShouldBeProblem(HttpStatusCode.Unauthorized);
        answer.Headers.Location.ShouldBeNull();
    }

    [Fact]
    public async Task The_refresh_token_is_not_an_access_token()
    {
        using var person = await TestPerson.CreateAsync(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, Path(Me));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", person.RefreshToken);
        using var response = await _http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Me_with_a_valid_token_answers_the_basics()
    {
        using var person = await TestPerson.CreateAsync(server);
        var answer = await person.GetAsync(Me);

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        var json = answer.Json;
        json.GetProperty("id").GetGuid().ShouldBe(person.Id);
        json.GetProperty("email").GetString().ShouldBe(person.Email);
        json.GetProperty("emailConfirmed").GetBoolean().ShouldBeFalse();
        json.GetProperty("createdAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        // No consent yet, so neither the consent nor the routine gate (which reads health data) is shown.
        json.TryGetProperty("healthDataConsent", out _).ShouldBeFalse(answer.ToString());
        json.TryGetProperty("routines", out _).ShouldBeFalse(answer.ToString());
        answer.Text.ShouldNotContain("passwordHash", Case.Insensitive);
        answer.Text.ShouldNotContain("securityStamp", Case.Insensitive);
    }

    /// <summary>A body of unknown length, so the client sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
