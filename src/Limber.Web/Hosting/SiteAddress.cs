namespace Limber.Web.Hosting;

/// <summary>
/// Absolute addresses on this site, for what leaves the browser (a printed code, a link in a file): from
/// <c>Limber:PublicUrl</c> when set (behind a proxy the request's own host may be an internal one), else from the request.
/// </summary>
public static class SiteAddress
{
    public static string Of(HttpRequest request, IConfiguration config, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(config);
        var configured = config["Limber:PublicUrl"];
        var root = string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured.Trim().TrimEnd('/');
        return root + (path.StartsWith('/') ? path : "/" + path);
    }
}
