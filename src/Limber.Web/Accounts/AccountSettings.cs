using System.Globalization;

namespace Limber.Web.Accounts;

/// <summary>
/// How accounts behave in this deployment, from the <c>Limber:Accounts</c> configuration section. Every value
/// has a careful default; a bad value stops the start with the key named.
/// </summary>
public sealed record AccountSettings(
    int MinimumPasswordLength,
    int LockoutAttempts,
    TimeSpan LockoutDuration,
    bool RequireConfirmedEmail,
    TimeSpan AccessTokenLifetime,
    TimeSpan RefreshTokenLifetime,
    TimeSpan CookieLifetime,
    TimeSpan SecurityStampCheck,
    int AttemptsPerMinute)
{
    public const string Section = "Limber:Accounts";

    /// <summary>The version of the health-data consent's wording; a new wording asks everyone again.</summary>
    public const string HealthDataConsentVersion = "2026-11";

    public static AccountSettings FromConfiguration(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetSection(Section);
        return new AccountSettings(
            Int(section, "MinimumPasswordLength", 10, 8, 64),
            Int(section, "LockoutAttempts", 5, 1, 100),
            TimeSpan.FromMinutes(Int(section, "LockoutMinutes", 15, 1, 24 * 60)),
            Bool(section, "RequireConfirmedEmail", false),
            TimeSpan.FromMinutes(Int(section, "AccessTokenMinutes", 60, 1, 24 * 60)),
            TimeSpan.FromDays(Int(section, "RefreshTokenDays", 14, 1, 365)),
            TimeSpan.FromDays(Int(section, "CookieDays", 14, 1, 365)),
            TimeSpan.FromSeconds(Int(section, "SecurityStampCheckSeconds", 30, 0, 24 * 60 * 60)),
            Int(section, "AttemptsPerMinute", 10, 1, 100_000));
    }

    private static int Int(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new InvalidOperationException($"{Section}:{key} must be a whole number from {min} to {max}; it is '{text}'.");
        }
        return value;
    }

    private static bool Bool(IConfigurationSection section, string key, bool fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        return bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"{Section}:{key} must be true or false; it is '{text}'.");
    }
}
