using System.Globalization;
using System.Net;
using System.Text;
using Limber.Web.Hosting;
using Limber.Web.Illustration;

namespace Limber.Web.Coaching;

/// <summary>
/// An invitation's link as a QR code in SVG, drawn from the module matrix of <see cref="QrSquares"/> (the handout's
/// codes use the same): one path of dark squares on a white square with the quiet zone, so a phone's camera reads it in
/// a dark page too, at any size.
/// </summary>
public static class InviteQrCode
{
    public const string MediaType = "image/svg+xml";

    /// <summary>The link a client opens to see and accept an invitation.</summary>
    public static string JoinUrl(HttpRequest request, IConfiguration config, string secret) =>
        SiteAddress.Of(request, config, "/join/" + Uri.EscapeDataString(secret));

    /// <summary>The address the invitation's QR code is served at (same origin, no sign-in: the secret is the key).</summary>
    public static string Url(HttpRequest request, IConfiguration config, string secret) =>
        SiteAddress.Of(request, config, $"/api/v1/invites/{Uri.EscapeDataString(secret)}/qr.svg");

    /// <summary>The SVG of the code for <paramref name="text"/>, labelled for screen readers with <paramref name="label"/>.</summary>
    public static string Svg(string text, string label)
    {
        var modules = QrSquares.Modules(text);
        var full = modules.GetLength(0) + 2 * QrSquares.QuietZone;
        var path = new StringBuilder();
        foreach (var (row, start, length) in QrSquares.Runs(modules))
        {
            path.Append(CultureInfo.InvariantCulture, $"M{start + QrSquares.QuietZone} {row + QrSquares.QuietZone}h{length}v1h-{length}z");
        }
        var title = WebUtility.HtmlEncode(label);
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" width=\"{full * 6}\" height=\"{full * 6}\" "
            + $"shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{title}\" class=\"qr-code\"><title>{title}</title>"
            + $"<rect width=\"{full}\" height=\"{full}\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"{path}\"/></svg>";
    }
}
