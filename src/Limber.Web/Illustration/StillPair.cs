using System.Globalization;
using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;

namespace Limber.Web.Illustration;

/// <summary>A colour without transparency.</summary>
public readonly record struct Colour(byte R, byte G, byte B)
{
    public static Colour FromHex(string hex) => new(
        byte.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        byte.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        byte.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    public string Hex => $"#{R:x2}{G:x2}{B:x2}";
}

/// <summary>
/// The colours of figures drawn as files. Files have no dark mode, so they use the light palette, which is the one
/// <see cref="SvgFigure"/> uses outside <c>prefers-color-scheme: dark</c> (a test keeps the two in step).
/// </summary>
public static class FigurePalette
{
    public static Colour Background { get; } = Colour.FromHex("#ffffff");
    public static Colour Text { get; } = Colour.FromHex("#2f3b37");

    public static Colour Of(Ink ink) => ink switch
    {
        Ink.BodyNear => Colour.FromHex("#2f4858"),
        Ink.BodyFar => Colour.FromHex("#9fb1bc"),
        Ink.Highlight => Colour.FromHex("#d9661f"),
        Ink.Floor => Colour.FromHex("#7c8782"),
        Ink.Prop => Colour.FromHex("#d8c7a9"),
        Ink.PropLine => Colour.FromHex("#8a6a43"),
    };

    /// <summary>Line inks are outlines only: a disc in a line ink is a ring, as the SVG draws it (fill: none).</summary>
    public static bool IsLine(Ink ink) => ink == Ink.PropLine;
}

/// <summary>A point on a drawing surface: in the surface's own units, y down.</summary>
public readonly record struct SurfacePoint(double X, double Y);

/// <summary>
/// What a still pair needs from a drawing library (SkiaSharp for PNG, PDFsharp for PDF). Coordinates are in the
/// surface's units with y down; every line has round caps and joins.
/// </summary>
public interface IFigureSurface
{
    void Bar(SurfacePoint from, SurfacePoint to, double width, Colour colour);

    void Dot(SurfacePoint center, double radius, Colour colour);

    void Ring(SurfacePoint center, double radius, double width, Colour colour);

    void Rectangle(SurfacePoint topLeft, double width, double height, double cornerRadius, Colour colour);

    void Line(IReadOnlyList<SurfacePoint> points, double width, Colour colour);

    double TextWidth(string text, double size);

    /// <summary>Text from <paramref name="start"/> on its baseline.</summary>
    void Text(string text, SurfacePoint start, double size, Colour colour);
}

/// <summary>
/// The still pair of a figure: the first and the last keyframe side by side, with the legend under them, laid out
/// as <see cref="SvgFigure"/> lays out its still mode. The one walk over the shapes for every file format.
/// </summary>
public static class StillPair
{
    // The same spacing and type size as the SVG, so every format of a figure looks alike.
    private const double Gap = 6;
    private const double LegendHeight = 9;
    private const double LegendSize = 4;
    private const double LegendLeft = 9.5;

    // SVG gives circles its default 1-unit outline in their own colour, so a filled disc reaches half a unit further.
    private const double DiscOutline = 1;

    /// <summary>The size of the whole drawing in figure units.</summary>
    public static (double Width, double Height) Size(FigureLayout layout) =>
        (layout.Bounds.Width * 2 + Gap, layout.Bounds.Height + LegendHeight);

    /// <summary>
    /// Draws the pair with its top left corner at <paramref name="origin"/>, <paramref name="scale"/> surface units
    /// to a figure unit. Showing the other side mirrors each drawing, not the legend.
    /// </summary>
    public static void Draw(IFigureSurface surface, Exercise exercise, FigureLayout layout, BodySide shown,
        SurfacePoint origin, double scale)
    {
        var b = layout.Bounds;
        var mirror = shown == BodySide.Other;
        int[] frames = [0, layout.Frames.Count - 1];
        for (var panel = 0; panel < frames.Length; panel++)
        {
            var left = panel * (b.Width + Gap);
            SurfacePoint Map(Point p)
            {
                var x = p.X - b.MinX;
                return new(origin.X + scale * (left + (mirror ? b.Width - x : x)), origin.Y + scale * (b.MaxY - p.Y));
            }
            foreach (var shape in layout.Frame(frames[panel]))
            {
                DrawShape(surface, shape, Map, scale);
            }
        }

        // Legend: a highlight swatch and the muscles, shrunk if a long list would run past the drawing.
        var (width, _) = Size(layout);
        var middle = b.Height + LegendHeight / 2;
        surface.Rectangle(new(origin.X + scale * 3, origin.Y + scale * (middle - 2.2)), scale * 4.4, scale * 4.4, scale * 1,
            FigurePalette.Of(Ink.Highlight));
        var legend = FigureText.Legend(exercise);
        var room = (width - LegendLeft - 2) * scale;
        var size = LegendSize * scale;
        var natural = surface.TextWidth(legend, size);
        if (natural > room)
        {
            size *= room / natural;
        }
        surface.Text(legend, new(origin.X + scale * LegendLeft, origin.Y + scale * (middle + 1.4)), size, FigurePalette.Text);
    }

    private static void DrawShape(IFigureSurface surface, Shape shape, Func<Point, SurfacePoint> map, double scale)
    {
        var colour = FigurePalette.Of(shape.Ink);
        switch (shape)
        {
            case Stroke s:
                surface.Bar(map(s.From), map(s.To), s.Width * scale, colour);
                break;
            case Disc d when FigurePalette.IsLine(d.Ink):
                surface.Ring(map(d.Center), d.Radius * scale, DiscOutline * scale, colour);
                break;
            case Disc d:
                surface.Dot(map(d.Center), (d.Radius + DiscOutline / 2) * scale, colour);
                break;
            case Box r:
                // Mirroring swaps which corner is top left, so take the smaller coordinates after mapping.
                var (a, c) = (map(r.Min), map(r.Max));
                surface.Rectangle(new(Math.Min(a.X, c.X), Math.Min(a.Y, c.Y)), Math.Abs(c.X - a.X), Math.Abs(c.Y - a.Y),
                    r.CornerRadius * scale, colour);
                break;
            case Polyline p:
                surface.Line(p.Points.Select(map).ToList(), p.Width * scale, colour);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "No way to draw this shape.");
        }
    }
}
