namespace Limber.Web.Hosting;

/// <summary>Return addresses that can only lead back into this site (no open redirects).</summary>
public static class LocalPath
{
    /// <summary><paramref name="path"/> when it is a path on this site ("/account"), else <paramref name="fallback"/>.</summary>
    public static string OrDefault(string? path, string fallback) =>
        path is { Length: > 0 and <= 2000 }
        && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Contains("://", StringComparison.Ordinal)
        && !path.Any(char.IsControl)
            ? path
            : fallback;
}
