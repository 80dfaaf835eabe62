using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;
using Limber.Web.Illustration;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Limber.Web.Tests.Illustration;

[Collection(ServerCollection.Name)]
public class PngFigureTests(LimberServer server)
{
    // It has a finished figure with a highlighted thigh; others may still be being drawn.
    private const string Id = "kneeling-hip-flexor-stretch";

    private readonly Exercise _exercise = server.Services.GetRequiredService<ExerciseCatalogue>().Find(Id)!;
    private readonly FigureLayout _layout = server.Services.GetRequiredService<FigureCache>().Layout(Id)!;

    private SKBitmap Render(BodySide side, int width = 600) =>
        SKBitmap.Decode(PngFigure.Render(_exercise, _layout, side, width)) ?? throw new InvalidOperationException("Not a PNG");

    [Theory]
    [InlineData(200)]
    [InlineData(613)]
    [InlineData(2000)]
    public void The_PNG_is_as_wide_as_asked_and_keeps_the_drawing_in_proportion(int width)
    {
        using var png = Render(BodySide.Working, width);
        png.Width.ShouldBe(width);
        var (w, h) = StillPair.Size(_layout);
        png.Height.ShouldBe((int)Math.Ceiling(h * width / w));
    }

    [Fact]
    public void The_PNG_shows_the_body_and_the_highlight_on_white()
    {
        using var png = Render(BodySide.Working);
        var pixels = png.Pixels;
        Count(pixels, FigurePalette.Of(Ink.BodyNear)).ShouldBeGreaterThan(1000);
        Count(pixels, FigurePalette.Of(Ink.BodyFar)).ShouldBeGreaterThan(300);
        Count(pixels, FigurePalette.Of(Ink.Highlight)).ShouldBeGreaterThan(300);
        Count(pixels, FigurePalette.Of(Ink.Prop)).ShouldBeGreaterThan(50, "the pillow under the knee");
        png.GetPixel(0, 0).ShouldBe(SKColors.White);
        png.GetPixel(png.Width - 1, 0).ShouldBe(SKColors.White);
    }

    [Fact]
    public void The_legend_is_written_under_the_drawings()
    {
        using var png = Render(BodySide.Working);
        var scale = png.Width / StillPair.Size(_layout).Width;
        var legendTop = (int)Math.Ceiling(_layout.Bounds.Height * scale) + 2;
        // Text pixels: dark, and right of the swatch (which starts 3 units in and is 4.4 wide).
        var text = 0;
        for (var y = legendTop; y < png.Height; y++)
        {
            for (var x = (int)(8 * scale); x < png.Width; x++)
            {
                text += Near(png.GetPixel(x, y), FigurePalette.Text, 60) ? 1 : 0;
            }
        }
        text.ShouldBeGreaterThan(100);
    }

    [Fact]
    public void The_left_side_is_each_drawing_mirrored_in_its_place()
    {
        using var right = Render(BodySide.Working);
        using var left = Render(BodySide.Other);
        left.Width.ShouldBe(right.Width);
        left.Height.ShouldBe(right.Height);

        var scale = right.Width / StillPair.Size(_layout).Width;
        var panelWidth = _layout.Bounds.Width * scale;
        var drawingsHeight = (int)(_layout.Bounds.Height * scale);
        // The second drawing ends at the right edge; the first starts at the left.
        double[] panelLefts = [0, right.Width - panelWidth];

        int inked = 0, mirroredMismatch = 0, plainMismatch = 0;
        foreach (var panelLeft in panelLefts)
        {
            for (var x = (int)Math.Ceiling(panelLeft); x < panelLeft + panelWidth - 1; x++)
            {
                // The pixel whose centre is the mirror of this one's centre across the panel's middle.
                var mirrorX = (int)Math.Floor(2 * panelLeft + panelWidth - (x + 0.5));
                for (var y = 0; y < drawingsHeight; y++)
                {
                    var r = right.GetPixel(x, y);
                    if (r == SKColors.White && left.GetPixel(mirrorX, y) == SKColors.White)
                    {
                        continue;
                    }
                    inked++;
                    // Anti-aliased edges land on slightly different pixels once flipped: only big differences count.
                    mirroredMismatch += Near(r, left.GetPixel(mirrorX, y), 80) ? 0 : 1;
                    plainMismatch += Near(r, left.GetPixel(x, y), 80) ? 0 : 1;
                }
            }
        }
        inked.ShouldBeGreaterThan(2000);
        ((double)mirroredMismatch / inked).ShouldBeLessThan(0.05);
        ((double)plainMismatch / inked).ShouldBeGreaterThan(0.3, "the left side should not look like the right");
    }

    [Fact]
    public void Mirroring_moves_the_body_to_the_mirrored_place()
    {
        using var right = Render(BodySide.Working);
        using var left = Render(BodySide.Other);
        var scale = right.Width / StillPair.Size(_layout).Width;
        var panelWidth = _layout.Bounds.Width * scale;

        // Within the first drawing, the body's centre moves to the same distance from the other edge.
        double Centroid(SKBitmap png)
        {
            double sum = 0, n = 0;
            for (var x = 0; x < (int)panelWidth; x++)
            {
                for (var y = 0; y < png.Height; y++)
                {
                    if (Near(png.GetPixel(x, y), FigurePalette.Of(Ink.BodyNear), 10))
                    {
                        sum += x + 0.5;
                        n++;
                    }
                }
            }
            return sum / n;
        }
        var rightCentre = Centroid(right);
        Math.Abs(rightCentre - panelWidth / 2).ShouldBeGreaterThan(2, "an asymmetric pose, or the test proves nothing");
        Centroid(left).ShouldBe(panelWidth - rightCentre, tolerance: 1.5);
    }

    [Fact]
    public void Widths_outside_the_range_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PngFigure.Render(_exercise, _layout, BodySide.Working, 199));
        Should.Throw<ArgumentOutOfRangeException>(() => PngFigure.Render(_exercise, _layout, BodySide.Working, 2001));
    }

    [Fact]
    public void The_light_palette_is_the_one_the_SVG_uses()
    {
        var svg = SvgFigure.Render(_exercise, _layout, BodySide.Working, still: true);
        foreach (var ink in Enum.GetValues<Ink>())
        {
            svg.ShouldContain(FigurePalette.Of(ink).Hex, customMessage: $"{ink} differs from the SVG's light palette");
        }
        svg.ShouldContain(FigurePalette.Text.Hex);
    }

    [Fact]
    public void A_font_is_found_on_this_machine()
    {
        File.Exists(FigureFonts.RegularPath).ShouldBeTrue();
        Path.GetExtension(FigureFonts.RegularPath).ShouldBe(".ttf", StringCompareShould.IgnoreCase);
    }

    private static int Count(SKColor[] pixels, Colour colour) => pixels.Count(p => Near(p, colour, 10));

    private static bool Near(SKColor p, Colour c, int tolerance) =>
        Math.Abs(p.Red - c.R) <= tolerance && Math.Abs(p.Green - c.G) <= tolerance && Math.Abs(p.Blue - c.B) <= tolerance;

    private static bool Near(SKColor a, SKColor b, int tolerance) =>
        Math.Abs(a.Red - b.Red) <= tolerance && Math.Abs(a.Green - b.Green) <= tolerance && Math.Abs(a.Blue - b.Blue) <= tolerance;
}
