using System.Text.Json;
using Limber.Domain.Safety;
using Microsoft.AspNetCore.DataProtection;

namespace Limber.Web.Safety;

/// <summary>The answers of a screen taken before signing in (or before consenting), waiting in the browser.</summary>
public sealed record PendingAnswers(DateTimeOffset TakenAt, int Age, bool FirstEpisode, Dictionary<string, string> Answers)
{
    /// <summary>The answers as a complete screen under today's rules; null if the questions changed since.</summary>
    public CompleteScreen? ToScreen() =>
        WarningSignScreen.Validate(Age, FirstEpisode, Answers.ToDictionary(a => a.Key, a => (string?)a.Value)).Screen;
}

/// <summary>
/// Keeps the answers of a screen taken without an account (or without consent) in the visitor's own browser, so
/// they can keep them when they sign up: an encrypted, HttpOnly cookie that lasts two hours. Nothing reaches the
/// database until the signed-in person, with their consent in force, chooses to keep them on the account page:
/// on a shared computer, someone else's answers are never filed under the wrong account without being seen.
/// </summary>
public sealed class PendingScreen(IDataProtectionProvider protection, TimeProvider time, IConfiguration config, IHostEnvironment environment)
{
    public const string CookieName = "limber.pending-screen";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private readonly IDataProtector _protector = protection.CreateProtector("Limber.PendingScreen.v1");

    public void Keep(HttpContext context, CompleteScreen screen)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(screen);
        var now = time.GetUtcNow();
        var answers = screen.Answers.ToDictionary(a => a.Key, a => Domain.Catalogue.ContentName.Of(a.Value), StringComparer.Ordinal);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new PendingAnswers(now, screen.Age, screen.FirstEpisode, answers));
        context.Response.Cookies.Append(CookieName, Convert.ToBase64String(_protector.Protect(payload)), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = Accounts.AccountRegistration.SecureCookies(config, environment) || context.Request.IsHttps,
            Expires = now + Lifetime,
            Path = "/",
            IsEssential = true,
        });
    }

    /// <summary>The waiting answers, or null when there are none, they are too old, or the cookie is not ours.</summary>
    public PendingAnswers? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value) || value.Length > 8192)
        {
            return null;
        }
        try
        {
            var pending = JsonSerializer.Deserialize<PendingAnswers>(_protector.Unprotect(Convert.FromBase64String(value)));
            return pending is not null && time.GetUtcNow() - pending.TakenAt <= Lifetime ? pending : null;
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }

    public void Forget(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
    }
}
