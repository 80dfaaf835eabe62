using Limber.Web.Hosting;
using Limber.Domain.Safety;

namespace Limber.Web.Safety;

/// <summary>
/// The countries a person can choose for emergency numbers, remembered in a cookie that holds
/// nothing but the country code (no health data).
/// </summary>
public static class Regions
{
    public const string CookieName = "limber-region";

    public static IReadOnlyList<(string Code, string Name)> Choices { get; } =
    [
        ("US", "United States"),
        ("CA", "Canada"),
        ("GB", "United Kingdom"),
        ("IE", "Ireland"),
        ("EU", "Elsewhere in the European Union"),
        ("AU", "Australia"),
        ("NZ", "New Zealand"),
    ];

    public static bool IsKnown(string? code) => Choices.Any(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The visitor's chosen country, else the deployment's, else none (all common numbers shown).</summary>
    public static string? Current(HttpContext? context, SiteSettings site)
    {
        // A country chosen in this very request wins over the cookie the browser sent with it. The form is read
        // here because the layout renders before a page's form handler runs; an empty choice means "not listed".
        var chosen = context?.Request is { HasFormContentType: true } request && request.Form.ContainsKey("region")
            ? request.Form["region"].ToString()
            : context?.Request.Cookies[CookieName];
        return IsKnown(chosen) ? chosen!.ToUpperInvariant() : site.Region;
    }

    public static EmergencyNumber Emergency(HttpContext? context, SiteSettings site) => EmergencyNumber.For(Current(context, site));

    /// <summary>Remembers the chosen country; null forgets an earlier choice ("not listed").</summary>
    public static void Remember(HttpContext context, string? code)
    {
        if (code is null)
        {
            context.Response.Cookies.Delete(CookieName);
            return;
        }
        context.Response.Cookies.Append(CookieName, code.ToUpperInvariant(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
    }

    /// <summary>Where to go in an emergency, in the words people there use.</summary>
    public static string EmergencyPlace(string? code) => code switch
    {
        "GB" or "IE" => "A&E (the emergency department)",
        "US" or "CA" => "the emergency room",
        _ => "the emergency department",
    };

    /// <summary>A non-emergency line that helps people decide where to go, where one is well known.</summary>
    public static string? UrgentAdvice(string? code) => code switch
    {
        "GB" => "In the UK you can also call NHS 111, day or night.",
        _ => null,
    };
}
