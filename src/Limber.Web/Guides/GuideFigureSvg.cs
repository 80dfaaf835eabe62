using System.Globalization;
using System.Text;
using Limber.Domain.Guides;
using Limber.Domain.Illustration;
using Limber.Web.Illustration;

namespace Limber.Web.Guides;

/// <summary>
/// A guide's still figure as a self-contained SVG: the body model and props of the exercise figures, laid out by
/// <see cref="FigureLayout"/>, in the figure files' palette on a light card (so it reads on a dark page too), with a
/// title and description for screen readers. One pose, no animation and no muscles highlighted.
/// </summary>
public static class GuideFigureSvg
{
    /// <summary>Nothing may load from the figure; it has no styles of its own to allow.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'";

    /// <summary>The figure's width and height in figure units, for an image's width and height attributes.</summary>
    public static (double Width, double Height) Size(GuideFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var b = FigureLayout.Build(figure.Script, [], perSide: false).Bounds;
        return (b.Width, b.Height);
    }

    public static string Render(GuideFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var layout = FigureLayout.Build(figure.Script, [], perSide: false);
        var b = layout.Bounds;
        var sb = new StringBuilder(2048);
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(b.Width)} {N(b.Height)}\" role=\"img\" aria-labelledby=\"t d\">");
        sb.Append("<title id=\"t\">").Append(Escape(figure.Title)).Append("</title>");
        sb.Append("<desc id=\"d\">").Append(Escape(figure.Description)).Append("</desc>");
        sb.Append(CultureInfo.InvariantCulture,
            $"<rect width=\"{N(b.Width)}\" height=\"{N(b.Height)}\" rx=\"3\" fill=\"{FigurePalette.Background.Hex}\"/>");
        foreach (var shape in layout.Frame(0))
        {
            Append(sb, shape, b);
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, Shape shape, Bounds b)
    {
        var colour = FigurePalette.Of(shape.Ink).Hex;
        const string round = "stroke-linecap=\"round\" stroke-linejoin=\"round\"";
        switch (shape)
        {
            case Stroke s:
                var from = ToSvg(s.From, b);
                var to = ToSvg(s.To, b);
                sb.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{N(from.X)}\" y1=\"{N(from.Y)}\" x2=\"{N(to.X)}\" y2=\"{N(to.Y)}\" stroke=\"{colour}\" stroke-width=\"{N(s.Width)}\" {round}/>");
                break;
            case Disc d:
                var c = ToSvg(d.Center, b);
                // As the exercise figures draw them: a line-ink disc is a ring, any other a filled disc with a 1-unit rim.
                var fill = FigurePalette.IsLine(d.Ink) ? "none" : colour;
                sb.Append(CultureInfo.InvariantCulture,
                    $"<circle cx=\"{N(c.X)}\" cy=\"{N(c.Y)}\" r=\"{N(d.Radius)}\" fill=\"{fill}\" stroke=\"{colour}\"/>");
                break;
            case Box r:
                var topLeft = ToSvg(new Point(r.Min.X, r.Max.Y), b);
                sb.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{N(topLeft.X)}\" y=\"{N(topLeft.Y)}\" width=\"{N(r.Max.X - r.Min.X)}\" height=\"{N(r.Max.Y - r.Min.Y)}\" rx=\"{N(r.CornerRadius)}\" fill=\"{colour}\"/>");
                break;
            case Polyline p:
                sb.Append("<polyline points=\"")
                  .AppendJoin(' ', p.Points.Select(pt => { var q = ToSvg(pt, b); return $"{N(q.X)},{N(q.Y)}"; }))
                  .Append(CultureInfo.InvariantCulture, $"\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{N(p.Width)}\" {round}/>");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "No way to draw this shape.");
        }
    }

    private static Point ToSvg(Point p, Bounds b) => new(p.X - b.MinX, b.MaxY - p.Y);

    private static string N(double value)
    {
        var rounded = Math.Round(value, 1);
        return (rounded == 0 ? 0 : rounded).ToString("0.#", CultureInfo.InvariantCulture);
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
