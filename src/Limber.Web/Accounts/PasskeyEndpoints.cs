using System.Text.Json;
using Limber.Storage;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Net.Http.Headers;

namespace Limber.Web.Accounts;

/// <summary>
/// Passkeys (WebAuthn) through ASP.NET Core Identity: the options a browser needs to make or use a passkey, and
/// the sign-in form post. Identity keeps each ceremony's challenge in its own cookie between the options and the
/// answer. The passkey forms of the account page are handled by <c>PasskeyList</c>.
/// </summary>
public static class PasskeyEndpoints
{
    public const string CreationOptionsPath = "/account/passkey/creation-options";
    public const string RequestOptionsPath = "/account/passkey/request-options";
    public const string SignInPath = "/account/passkey/sign-in";

    /// <summary>The <c>passkey</c> query value the sign-in page gets back after a failed passkey sign-in.</summary>
    public static class Failure
    {
        public const string NotRecognised = "failed";
        public const string LockedOut = "locked";
        public const string NotConfirmed = "unconfirmed";
        public const string Expired = "expired";
    }

    // An e-mail address is at most 254 characters; anything longer is not one.
    private const int MaximumEmailLength = 256;

    // A passkey's answer is a few kilobytes at most; far more is not a passkey.
    private const int MaximumCredentialLength = 64 * 1024;

    // The body of a request for options is {"email": "…"} at most.
    private const int MaximumOptionsBodyLength = 4 * 1024;

    public static IEndpointRouteBuilder MapPasskeyEndpoints(this IEndpointRouteBuilder app)
    {
        // Signed in with the page cookie (the path is not /api, so the bearer scheme never applies). A 401 here
        // rather than the cookie's redirect to the sign-in page: the caller is a script that expects JSON.
        app.MapPost(CreationOptionsPath, async (HttpContext context, IAntiforgery antiforgery, SignedInPerson signedIn,
                SignInManager<Person> signIn, UserManager<Person> users) =>
            {
                if (await AntiforgeryProblemAsync(context, antiforgery) is { } problem)
                {
                    return problem;
                }
                if (await signedIn.FindPersonAsync(context.User, context.RequestAborted) is not { } person)
                {
                    return TypedResults.Problem(
                        statusCode: StatusCodes.Status401Unauthorized,
                        title: "Not signed in",
                        detail: "Sign in to add a passkey to your account.");
                }
                var email = await users.GetEmailAsync(person) ?? await users.GetUserNameAsync(person) ?? "";
                var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
                {
                    // The id Identity compares with the passkey's user handle when the passkey signs in.
                    Id = await users.GetUserIdAsync(person),
                    Name = email,
                    DisplayName = email,
                });
                return Json(options);
            })
            .ExcludeFromDescription();

        // Anyone may ask, and the answer is options in every case, whether the address has an account or not: an
        // unknown address gets the same options as none. (An account with passkeys gets them listed, so that a
        // security key without a discoverable passkey can still answer; the sign-up page tells as much already.)
        app.MapPost(RequestOptionsPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<Person> signIn,
                UserManager<Person> users) =>
            {
                if (await AntiforgeryProblemAsync(context, antiforgery) is { } problem)
                {
                    return problem;
                }
                var email = await ReadEmailAsync(context.Request);
                var person = email is null ? null : await users.FindByEmailAsync(email);
                return Json(await signIn.MakePasskeyRequestOptionsAsync(person));
            })
            .ExcludeFromDescription();

        // A plain form post from the sign-in page, so the answer is a page: where the person was going, or the
        // sign-in page again saying what went wrong. The attempt limit applies by path (AccountRegistration).
        app.MapPost(SignInPath, async (HttpContext context, IAntiforgery antiforgery, SignInManager<Person> signIn) =>
            {
                var request = context.Request;
                // The page's form is URL-encoded and small; anything else did not come from it.
                var form = MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
                    && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                    && request.ContentLength <= MaximumCredentialLength + 8 * 1024
                        ? await request.ReadFormAsync(context.RequestAborted)
                        : null;
                var returnUrl = Hosting.LocalPath.OrDefault(form?["returnUrl"].ToString(), "/account");
                if (form is null || !await antiforgery.IsRequestValidAsync(context))
                {
                    return BackToSignIn(Failure.Expired, returnUrl);
                }
                var credential = form["credential"].ToString();
                if (credential.Length is 0 or > MaximumCredentialLength)
                {
                    return BackToSignIn(Failure.NotRecognised, returnUrl);
                }

                SignInResult result;
                try
                {
                    result = await signIn.PasskeySignInAsync(credential);
                }
                catch (InvalidOperationException)
                {
                    // No passkey request underway: the options expired (after five minutes) or another tab replaced them.
                    return BackToSignIn(Failure.Expired, returnUrl);
                }
                if (result.Succeeded)
                {
                    return TypedResults.LocalRedirect(returnUrl);
                }
                return BackToSignIn(
                    result.IsLockedOut ? Failure.LockedOut : result.IsNotAllowed ? Failure.NotConfirmed : Failure.NotRecognised,
                    returnUrl);
            })
            .DisableAntiforgery() // checked above, so that a stale page gets a page saying so rather than a bare 400
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The script sends the page's antiforgery token in the <c>RequestVerificationToken</c> header, so no other site
    /// can start a passkey ceremony in someone's name. Null when the token is good.
    /// </summary>
    private static async Task<IResult?> AntiforgeryProblemAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Page expired",
                detail: "This page has expired. Reload it and try again.");
        }
    }

    /// <summary>The optional address in a JSON body <c>{"email": "…"}</c>; null when there is none or the body is not that.</summary>
    private static async Task<string?> ReadEmailAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType() || request.ContentLength is not (> 0 and <= MaximumOptionsBodyLength))
        {
            return null;
        }
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("email", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString()!.Trim() is { Length: > 0 and <= MaximumEmailLength } email
                    ? email
                    : null;
        }
        catch (JsonException)
        {
            // Not worth an error: without an address the browser offers every passkey it holds for Limber.
            return null;
        }
    }

    /// <summary>Identity's options, already JSON, passed through as they are.</summary>
    private static ContentHttpResult Json(string optionsJson) => TypedResults.Text(optionsJson, "application/json");

    private static RedirectHttpResult BackToSignIn(string failure, string returnUrl) =>
        TypedResults.LocalRedirect(
            $"/account/sign-in?passkey={failure}&returnUrl={Uri.EscapeDataString(returnUrl)}#passkey-sign-in");
}

/// <summary>
/// Identity's passkey settings for Limber. Call <see cref="AddLimberPasskeys"/> with the other account services.
/// </summary>
public static class PasskeyRegistration
{
    public static IServiceCollection AddLimberPasskeys(this IServiceCollection services) =>
        services.Configure<IdentityPasskeyOptions>(o => o.ValidateOrigin = context => ValueTask.FromResult(IsThisSite(context)));

    /// <summary>
    /// The passkey was made or used on a page of this very site, not in a frame: the origin the browser signed
    /// equals this request's own scheme and host. Identity's default compares it with the request's Origin header
    /// instead, which Limber's <c>Referrer-Policy: no-referrer</c> makes the browser send as "null" on every form post.
    /// </summary>
    internal static bool IsThisSite(PasskeyOriginValidationContext context)
    {
        var request = context.HttpContext.Request;
        return !context.CrossOrigin
            && string.Equals(context.Origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }
}
