using System.Globalization;
using System.Threading.RateLimiting;
using Limber.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Limber.Web.Accounts;

/// <summary>
/// Accounts in one place: ASP.NET Core Identity on Limber's database, a cookie for pages, bearer tokens for
/// the API, and the limit on sign-in, sign-up and password-reset attempts.
/// </summary>
public static class AccountRegistration
{
    /// <summary>Pages sign in with the Identity cookie; <c>/api</c> only ever with a bearer token.</summary>
    public const string Scheme = "Limber";

    /// <summary>The authorization policy of the <c>/api/v1/me</c> endpoints: a bearer token, never a cookie.</summary>
    public const string ApiPolicy = "api";

    public static IServiceCollection AddLimberAccounts(this IServiceCollection services, IConfiguration config, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = AccountSettings.FromConfiguration(config);
        services.AddSingleton(settings);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie for pages, bearer token for the API", o =>
                o.ForwardDefaultSelector = context => IsApi(context.Request) && !FromOwnPage(context.Request)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = settings.AccessTokenLifetime;
                o.RefreshTokenExpiration = settings.RefreshTokenLifetime;
            })
            .AddIdentityCookies();
        KeptBearerTickets.Register(services);

        // Secure cookies except in development, where `dotnet run` serves plain http on localhost. A deployment
        // behind a TLS proxy sets Limber:TrustForwardedHeaders so requests count as https.
        var secure = SecureCookies(config, environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "limber.auth";
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/sign-in";
            o.ExpireTimeSpan = settings.CookieLifetime;
            o.SlidingExpiration = true;
            // The player's calls to the API answer 401 and 403 like any API call, never a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = context => ApiStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiStatus(context, StatusCodes.Status403Forbidden);
        });
        services.PostConfigureAll<CookieAuthenticationOptions>(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "limber.antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Not a credential, and an Always policy would make every form page fail on plain http: secure on https.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = settings.SecurityStampCheck);

        services.AddIdentityCore<Person>(o =>
            {
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = settings.RequireConfirmedEmail;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = settings.LockoutAttempts;
                o.Lockout.DefaultLockoutTimeSpan = settings.LockoutDuration;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                o.Password.RequiredLength = settings.MinimumPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<LimberDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddLimberPasskeys();

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser());
        services.AddCascadingAuthenticationState();
        services.AddScoped<SignedInPerson>();

        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                AttemptKind(context.Request) is { } kind
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        $"{kind}|{context.Connection.RemoteIpAddress}",
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = settings.AttemptsPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        })
                    : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (rejected, ct) => TooManyAttempts.WriteAsync(rejected.HttpContext, rejected.Lease, ct);
        });
        return services;
    }

    /// <summary>Whether sign-in cookies are sent over https only: <c>Limber:SecureCookies</c>, by default outside Development.</summary>
    public static bool SecureCookies(IConfiguration config, IHostEnvironment environment) =>
        config.GetValue("Limber:SecureCookies", !environment.IsDevelopment());

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>The header Limber's own pages send with their API calls; its only value is <see cref="OwnPageClient"/>.</summary>
    public const string ClientHeader = "X-Limber-Client";

    public const string OwnPageClient = "player";

    /// <summary>
    /// An API call from one of Limber's own pages (the session player), signed in with the page's cookie rather than a
    /// bearer token: no Authorization header, and the client header. Another site cannot ride the cookie: a form or a
    /// link cannot set a header, and a script on another origin may not without a CORS preflight, which Limber never
    /// grants. Everything else on the API needs a bearer token.
    /// </summary>
    public static bool FromOwnPage(HttpRequest request) =>
        !request.Headers.ContainsKey("Authorization") && request.Headers[ClientHeader] == OwnPageClient;

    private static Task ApiStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Which kind of attempt a request is, for the limit: signing in, signing up or resetting a password, by page
    /// form or by API. Each kind has its own allowance per client address; everything else is not limited here.
    /// </summary>
    internal static string? AttemptKind(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }
        var path = request.Path.Value?.TrimEnd('/').ToLowerInvariant();
        return path switch
        {
            "/account/sign-in" or "/api/v1/auth/login" or "/account/passkey/sign-in" or "/api/v1/auth/refresh" => "sign-in",
            "/account/sign-up" or "/api/v1/auth/register" => "sign-up",
            "/account/forgot-password" or "/account/reset-password" or "/account/confirm-email/resend"
                or "/api/v1/auth/forgot-password" or "/api/v1/auth/reset-password" => "reset",
            _ => null,
        };
    }
}

/// <summary>The answer when the attempts are used up: 429 with Retry-After, as problem+json or as a page.</summary>
internal static class TooManyAttempts
{
    public static async ValueTask WriteAsync(HttpContext context, RateLimitLease lease, CancellationToken ct)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        seconds = Math.Max(1, seconds);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var wait = seconds <= 60 ? "a minute" : $"{(seconds + 59) / 60} minutes";
        if (AccountRegistration.IsApi(context.Request))
        {
            await TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many attempts",
                detail: $"Too many attempts from this address. Wait {wait} and try again.").ExecuteAsync(context);
            return;
        }

        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>Too many attempts · Limber</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>"
            + "<body><main id=\"main\" class=\"page narrow\"><h1>Too many attempts</h1>"
            + $"<p>There have been too many attempts from this address. Please wait {wait} and try again.</p>"
            + "<p><a href=\"/\">Back to the start page</a></p></main></body></html>", ct);
    }
}
