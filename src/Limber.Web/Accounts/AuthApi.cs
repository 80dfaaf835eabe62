using System.Net.Mail;
using System.Text.Json;
using Limber.Storage;
using Limber.Web.Hosting;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Limber.Web.Accounts;

public sealed record CredentialsJson(string Email, string Password);

public sealed record RefreshJson(string RefreshToken);

public sealed record TokensJson(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

/// <summary>
/// Accounts for API clients: register, sign in for a bearer token and refresh it. Bodies are read by hand so
/// that every problem names its field; sign-in failures say nothing about whether the e-mail has an account.
/// </summary>
public static class AuthApi
{
    private const string RegisterTitle = "The account cannot be created";
    private const string LoginTitle = "Sign-in failed";
    private static readonly string[] CredentialFields = ["email", "password"];

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Accounts");

        group.MapPost("/register", Register)
            .WithName("Register")
            .WithSummary("Create an account with an e-mail address and a password; a confirmation link is e-mailed")
            .Accepts<CredentialsJson>("application/json")
            .Produces<AccountJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/login", Login)
            .WithName("Login")
            .WithSummary("Sign in with e-mail and password for a bearer token and a refresh token")
            .Accepts<CredentialsJson>("application/json")
            .Produces<TokensJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", Refresh)
            .WithName("Refresh")
            .WithSummary("Trade a refresh token for new tokens; refused after signing out everywhere")
            .Accepts<RefreshJson>("application/json")
            .Produces<TokensJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        return app;
    }

    private static async Task<IResult> Register(
        HttpContext context, UserManager<Person> users, AccountMail mail, TimeProvider time, CancellationToken ct)
    {
        var (credentials, refusal) = await ReadCredentialsAsync(context.Request, RegisterTitle, ct);
        if (credentials is null)
        {
            return refusal!;
        }

        var person = new Person { UserName = credentials.Email, Email = credentials.Email, CreatedAt = StoredTime.Now(time) };
        var created = await users.CreateAsync(person, credentials.Password);
        if (!created.Succeeded)
        {
            return IdentityProblem(created, RegisterTitle);
        }

        await mail.SendConfirmationAsync(person, context.Request, ct);
        return TypedResults.Created("/api/v1/me", AccountJson.From(person, null, null));
    }

    private static async Task<IResult> Login(HttpContext context, SignInManager<Person> signIn, CancellationToken ct)
    {
        var (credentials, refusal) = await ReadCredentialsAsync(context.Request, LoginTitle, ct, checkRules: false);
        if (credentials is null)
        {
            return refusal!;
        }

        // The bearer handler writes the token response itself when the sign-in succeeds.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(credentials.Email, credentials.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: LoginTitle,
                detail: "Too many wrong passwords: this account is locked for a while. Try again later, or reset the password.");
        }
        if (result.IsNotAllowed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: LoginTitle,
                detail: "Confirm your e-mail address first: follow the link in the e-mail Limber sent you.");
        }
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: LoginTitle,
            detail: "The e-mail address or the password is wrong.");
    }

    private static async Task<IResult> Refresh(
        HttpContext context, SignInManager<Person> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, CancellationToken ct)
    {
        const string title = "The tokens cannot be refreshed";
        var (document, refusal) = await JsonBody.ReadObjectAsync(context.Request, title, "refreshToken", ct);
        if (document is null)
        {
            return refusal!;
        }

        string? token = null;
        using (document)
        {
            var errors = new FieldErrors();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "refreshToken")
                {
                    token = JsonBody.Text(property, errors);
                }
                else
                {
                    JsonBody.RefuseUnknown(property, ["refreshToken"], "a refresh", errors);
                }
            }
            if (!errors.Any && string.IsNullOrWhiteSpace(token))
            {
                errors.Add("refreshToken", "refreshToken is missing: send the refresh token from the last sign-in or refresh.");
            }
            if (errors.Any)
            {
                return errors.ToProblem(title);
            }
        }

        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(token);
        if (ticket?.Properties.ExpiresUtc is not { } expires || StoredTime.Now(time) >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } person)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title,
                detail: "The refresh token is not valid any more: sign in again.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(person);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>Reads <c>{"email", "password"}</c>; with <paramref name="checkRules"/>, the address must be a valid one.</summary>
    private static async Task<(CredentialsJson? Credentials, IResult? Refusal)> ReadCredentialsAsync(
        HttpRequest request, string title, CancellationToken ct, bool checkRules = true)
    {
        var (document, refusal) = await JsonBody.ReadObjectAsync(request, title, "email and password", ct);
        if (document is null)
        {
            return (null, refusal);
        }

        using (document)
        {
            var errors = new FieldErrors();
            string? email = null, password = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "email":
                        email = JsonBody.Text(property, errors)?.Trim();
                        break;
                    case "password":
                        password = JsonBody.Text(property, errors);
                        break;
                    default:
                        JsonBody.RefuseUnknown(property, CredentialFields, "the credentials", errors);
                        break;
                }
            }

            if (!errors.Any)
            {
                if (EmailProblem(email, checkRules) is { } problem)
                {
                    errors.Add("email", problem);
                }
                if (string.IsNullOrEmpty(password))
                {
                    errors.Add("password", "password is missing.");
                }
                else if (password.Length > MaximumPasswordLength)
                {
                    errors.Add("password", $"password is at most {MaximumPasswordLength} characters.");
                }
            }

            return errors.Any ? (null, errors.ToProblem(title)) : (new CredentialsJson(email!, password!), null);
        }
    }

    public const int MaximumPasswordLength = 256;
    public const int MaximumEmailLength = 254;

    /// <summary>What is wrong with an e-mail address, in words, or null when nothing is.</summary>
    public static string? EmailProblem(string? email, bool checkRules = true)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "email is missing.";
        }
        if (email.Length > MaximumEmailLength)
        {
            return $"email is at most {MaximumEmailLength} characters.";
        }
        if (checkRules && (!MailAddress.TryCreate(email, out var address) || address.Address != email || !email.Contains('.', StringComparison.Ordinal)))
        {
            return "email must be an e-mail address, like name@example.org.";
        }
        return null;
    }

    /// <summary>Identity's refusals, each under the field it is about.</summary>
    public static ValidationProblem IdentityProblem(IdentityResult result, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = new FieldErrors();
        foreach (var error in result.Errors)
        {
            var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email";
            var message = error.Code is "DuplicateUserName" or "DuplicateEmail"
                ? "An account with this e-mail address already exists: sign in, or reset the password if you have forgotten it."
                : error.Description;
            errors.Add(field, message);
        }
        return errors.ToProblem(title);
    }
}
