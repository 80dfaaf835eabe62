using System.Net;

namespace Limber.Web.Reminders;

/// <summary>
/// How Limber sends browser notifications: who it says it is to push services (RFC 8292's contact), which push services
/// it will post to, and how often the dispatcher looks for due reminders.
/// </summary>
public sealed record PushSettings(string Subject, IReadOnlyList<string> AllowedHosts, TimeSpan DispatchEvery, bool Dispatch)
{
    /// <summary>
    /// The push services of the browsers people use: Chrome and most others (FCM), Firefox (Mozilla autopush), Safari
    /// (Apple) and Edge (Windows push). An endpoint elsewhere is refused, so a subscription cannot make the server post
    /// to an address of the sender's choosing.
    /// </summary>
    public static readonly IReadOnlyList<string> KnownPushServices =
        ["fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"];

    public static PushSettings FromConfiguration(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var subject = config["Limber:Push:Subject"];
        if (string.IsNullOrWhiteSpace(subject))
        {
            var from = config["Limber:Mail:From"] ?? "no-reply@localhost";
            var address = from.Contains('<', StringComparison.Ordinal) ? from[(from.IndexOf('<', StringComparison.Ordinal) + 1)..].TrimEnd('>', ' ') : from.Trim();
            subject = $"mailto:{address}";
        }
        if (!subject.StartsWith("mailto:", StringComparison.Ordinal) && !subject.StartsWith("https://", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Limber:Push:Subject is '{subject}'; use a mailto: or https: address where push services can reach the operator.");
        }
        var extra = (config["Limber:Push:AllowedHosts"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var seconds = config.GetValue("Limber:Reminders:DispatchSeconds", 15.0);
        if (seconds is < 0.05 or > 3600)
        {
            throw new InvalidOperationException($"Limber:Reminders:DispatchSeconds is {seconds}; use 1 to 3600.");
        }
        return new PushSettings(subject, [.. KnownPushServices, .. extra], TimeSpan.FromSeconds(seconds), config.GetValue("Limber:Reminders:Dispatch", true));
    }

    /// <summary>
    /// Why an endpoint is refused, or null when Limber may post to it: HTTPS to a known push service (or a host the operator
    /// added), and plain HTTP only to a loopback address the operator added (a local push service in tests).
    /// </summary>
    public string? Refusal(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "endpoint must be the push address the browser gave, starting https://.";
        }
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "endpoint must not carry a user name or password.";
        }
        var host = uri.Host.ToLowerInvariant();
        var allowed = AllowedHosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal));
        if (!allowed)
        {
            return $"endpoint is at {host}, which is not a push service Limber sends to ({string.Join(", ", KnownPushServices)}).";
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !(IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)))
        {
            return "endpoint must start https://.";
        }
        return null;
    }
}
