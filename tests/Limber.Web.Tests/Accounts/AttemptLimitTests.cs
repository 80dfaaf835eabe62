using System.Globalization;
using System.Net;
using static Limber.Web.Tests.Accounts.AccountApi;

namespace Limber.Web.Tests.Accounts;

/// <summary>
/// The limit on sign-in and sign-up attempts per client address: with three a minute, the fourth answers 429
/// problem+json with Retry-After. Each test has a server of its own, so its allowance starts full.
/// </summary>
public sealed class AttemptLimitTests
{
    private const int Allowed = 3;

    private static AccountServer LimitedServer() =>
        AccountServer.With(new Dictionary<string, string?> { ["Limber:Accounts:AttemptsPerMinute"] = Allowed.ToString(CultureInfo.InvariantCulture) });

    private static void ShouldBeTooManyAttempts(ApiAnswer answer)
    {
        answer.ShouldBeProblem(HttpStatusCode.TooManyRequests);
        var retryAfter = answer.Headers.RetryAfter.ShouldNotBeNull(answer.ToString());
        retryAfter.Delta.ShouldNotBeNull().TotalSeconds.ShouldBeInRange(1, 60);
    }

    [Fact]
    public async Task The_fourth_sign_in_attempt_from_one_address_is_429_even_with_the_right_password()
    {
        using var server = LimitedServer();
        using var http = server.CreateHttpClient();
        var email = NewEmail();
        // Signing up has its own allowance, so this does not count against signing in.
        (await PostAsync(http, "/api/v1/auth/register", Credentials(email, "a long enough passphrase"))).Status.ShouldBe(HttpStatusCode.Created);

        for (var i = 0; i < Allowed; i++)
        {
            (await PostAsync(http, "/api/v1/auth/login", Credentials(email, $"wrong password {i}"))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        ShouldBeTooManyAttempts(await PostAsync(http, "/api/v1/auth/login", Credentials(email, "a long enough passphrase")));
        ShouldBeTooManyAttempts(await PostAsync(http, "/api/v1/auth/login", Credentials(NewEmail(), "a long enough passphrase")));
        // A malformed attempt is still an attempt.
        ShouldBeTooManyAttempts(await PostAsync(http, "/api/v1/auth/login", "{"));

        // Everything else goes on answering.
        (await GetAsync(http, "/api/v1/safety/items")).Status.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i <= Allowed; i++)
        {
            (await PostAsync(http, "/api/v1/safety/screen", Screen())).Status.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task The_fourth_registration_from_one_address_is_429_and_makes_no_account()
    {
        using var server = LimitedServer();
        using var http = server.CreateHttpClient();
        for (var i = 0; i < Allowed; i++)
        {
            (await PostAsync(http, "/api/v1/auth/register", Credentials(NewEmail(), "a long enough passphrase"))).Status.ShouldBe(HttpStatusCode.Created);
        }

        var email = NewEmail();
        ShouldBeTooManyAttempts(await PostAsync(http, "/api/v1/auth/register", Credentials(email, "a long enough passphrase")));

        (await PostAsync(http, "/api/v1/auth/login", Credentials(email, "a long enough passphrase"))).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Bad_registrations_count_as_attempts_too()
    {
        using var server = LimitedServer();
        using var http = server.CreateHttpClient();
        for (var i = 0; i < Allowed; i++)
        {
            (await PostAsync(http, "/api/v1/auth/register", Credentials("not-an-address", "x"))).Status.ShouldBe(HttpStatusCode.BadRequest);
        }

        ShouldBeTooManyAttempts(await PostAsync(http, "/api/v1/auth/register", Credentials(NewEmail(), "a long enough passphrase")));
    }
}
