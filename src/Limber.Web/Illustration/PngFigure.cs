using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;
using SkiaSharp;

namespace Limber.Web.Illustration;

/// <summary>
/// The still pair of an exercise as a PNG on white, for places that cannot show SVG: e-mail, chat apps, printing
/// from a phone, slides.
/// </summary>
public static class PngFigure
{
    public const int MinWidth = 200, MaxWidth = 2000, DefaultWidth = 800;

    public static byte[] Render(Exercise exercise, FigureLayout layout, BodySide shown, int widthPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(widthPixels, MinWidth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(widthPixels, MaxWidth);

        var (width, height) = StillPair.Size(layout);
        var scale = widthPixels / width;
        var heightPixels = (int)Math.Ceiling(height * scale);

        using var surface = SKSurface.Create(new SKImageInfo(widthPixels, heightPixels, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"SkiaSharp could not make a {widthPixels}x{heightPixels} surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SkiaSurface.Skia(FigurePalette.Background));
        using (var skia = new SkiaSurface(canvas))
        {
            StillPair.Draw(skia, exercise, layout, shown, new SurfacePoint(0, 0), scale);
        }
        canvas.Flush();

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
