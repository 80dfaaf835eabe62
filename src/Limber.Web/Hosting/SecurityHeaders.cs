namespace Limber.Web.Hosting;

public static class SecurityHeaders
{
    /// <summary>
    /// Pages may load nothing from another origin (privacy: no third-party requests), may not be framed,
    /// and send no referrer to the sources people follow out.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; " +
        "connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static bool IsPersonal(PathString path) =>
        path.StartsWithSegments("/account") || path.StartsWithSegments("/api/v1/me")
        || path.StartsWithSegments("/api/v1/auth") || path.StartsWithSegments("/screen");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
        if (IsPersonal(context.Request.Path))
        {
            // A person's own pages and data are never kept by a shared cache or the browser's history cache.
            headers.CacheControl = "no-store";
        }
        return next(context);
    });
}
