using SkiaSharp;

namespace Limber.Web.Illustration;

/// <summary>
/// Draws figures with SkiaSharp on any of its canvases: a bitmap for PNG, a document page for PDF. Anti-aliased,
/// round caps and joins.
/// </summary>
internal sealed class SkiaSurface(SKCanvas canvas) : IFigureSurface, IDisposable
{
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
    private readonly SKPaint _line = new()
    {
        IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round,
    };

    public void Bar(SurfacePoint from, SurfacePoint to, double width, Colour colour) =>
        canvas.DrawLine(Skia(from), Skia(to), Stroked(width, colour));

    public void Dot(SurfacePoint center, double radius, Colour colour) =>
        canvas.DrawCircle(Skia(center), (float)radius, Filled(colour));

    public void Ring(SurfacePoint center, double radius, double width, Colour colour) =>
        canvas.DrawCircle(Skia(center), (float)radius, Stroked(width, colour));

    public void Rectangle(SurfacePoint topLeft, double width, double height, double cornerRadius, Colour colour) =>
        canvas.DrawRoundRect(SKRect.Create((float)topLeft.X, (float)topLeft.Y, (float)width, (float)height),
            (float)cornerRadius, (float)cornerRadius, Filled(colour));

    public void Line(IReadOnlyList<SurfacePoint> points, double width, Colour colour)
    {
        using var path = new SKPath();
        path.AddPoly(points.Select(Skia).ToArray(), close: false);
        canvas.DrawPath(path, Stroked(width, colour));
    }

    public double TextWidth(string text, double size) => TextWidth(text, size, bold: false);

    public void Text(string text, SurfacePoint start, double size, Colour colour) => Text(text, start, size, colour, bold: false);

    public static double TextWidth(string text, double size, bool bold)
    {
        using var font = SkiaFonts.Font(size, bold);
        return font.MeasureText(text);
    }

    public void Text(string text, SurfacePoint start, double size, Colour colour, bool bold)
    {
        using var font = SkiaFonts.Font(size, bold);
        canvas.DrawText(text, (float)start.X, (float)start.Y, SKTextAlign.Left, font, Filled(colour));
    }

    public void Dispose()
    {
        _fill.Dispose();
        _line.Dispose();
    }

    public static SKColor Skia(Colour c) => new(c.R, c.G, c.B);

    private static SKPoint Skia(SurfacePoint p) => new((float)p.X, (float)p.Y);

    private SKPaint Filled(Colour colour)
    {
        _fill.Color = Skia(colour);
        return _fill;
    }

    private SKPaint Stroked(double width, Colour colour)
    {
        _line.Color = Skia(colour);
        _line.StrokeWidth = (float)width;
        return _line;
    }
}

/// <summary>The typefaces SkiaSharp writes figure words with, loaded once from <see cref="FigureFonts"/>.</summary>
internal static class SkiaFonts
{
    // Typefaces are immutable and safe to share between threads; fonts and paints are made per use.
    private static readonly Lazy<SKTypeface> Regular = new(LoadRegular);

    /// <summary>
    /// A font of the size asked. Bold is thickened from the regular face rather than read from a bold file: SkiaSharp
    /// embeds whole font files in PDFs (it has no subsetter), and one face of DejaVu Sans is already about 400 KB.
    /// </summary>
    public static SKFont Font(double size, bool bold) =>
        new(Regular.Value, (float)size) { Edging = SKFontEdging.Antialias, Subpixel = true, Embolden = bold };

    private static SKTypeface LoadRegular()
    {
        string error;
        try
        {
            if (SKTypeface.FromFile(FigureFonts.RegularPath) is { } fromFile)
            {
                return fromFile;
            }
            error = $"SkiaSharp could not read the font {FigureFonts.RegularPath}.";
        }
        catch (InvalidOperationException e)
        {
            error = e.Message;
        }
        // The build without dependencies has no font settings: its default face is usually empty, so only a face with glyphs will do.
        return SKTypeface.Default is { GlyphCount: > 0 } fallback ? fallback : throw new InvalidOperationException(error);
    }
}
