using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;
using SkiaSharp;

namespace Limber.Web.Illustration;

/// <summary>
/// The still pair of an exercise in PDF, as vector shapes with the font embedded: drawn into part of a page
/// (handouts put several on one page), or as a one-page A4 sheet of its own to print and keep.
/// </summary>
/// <remarks>
/// Written with SkiaSharp's PDF backend, which the PNG already needs. PDFsharp was the first choice, but from 6.5 it is
/// AGPL-3.0 (or commercial), which an Apache-2.0 app cannot take on; the mirror has no earlier, MIT-licensed version.
/// </remarks>
public static class PdfFigure
{
    // A4 in points, with 2 cm margins.
    public const float PageWidth = 595.28f, PageHeight = 841.89f;
    private const float Margin = 56.7f;
    private const float HeadingSize = 20, DoseSize = 12;
    private const float FigureHeight = 320;

    /// <summary>
    /// Draws the still pair and its legend as large as fits in <paramref name="area"/> of a page (points, y down),
    /// centred across it and at its top, and returns the part of the area it took, so callers can flow text beneath.
    /// </summary>
    public static SKRect Draw(SKCanvas canvas, SKRect area, Exercise exercise, FigureLayout layout, BodySide shown)
    {
        var (width, height) = StillPair.Size(layout);
        var scale = Math.Min(area.Width / width, area.Height / height);
        var used = SKRect.Create((float)(area.Left + (area.Width - width * scale) / 2), area.Top, (float)(width * scale), (float)(height * scale));
        using var surface = new SkiaSurface(canvas);
        StillPair.Draw(surface, exercise, layout, shown, new SurfacePoint(used.Left, used.Top), scale);
        return used;
    }

    /// <summary>A one-page A4 PDF: the exercise name as a heading, the figure, and the dose in words.</summary>
    public static byte[] Page(Exercise exercise, FigureLayout layout, BodySide shown)
    {
        var dose = exercise.Dose.Describe();
        using var stream = new MemoryStream();
        // No dates: the same figure makes the same bytes, so every server node gives it the same ETag.
        var metadata = new SKDocumentPdfMetadata
        {
            Title = exercise.Name,
            Subject = dose,
            Creator = "Limber",
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata)
            ?? throw new InvalidOperationException("This SkiaSharp build cannot write PDF."))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            var content = SKRect.Create(Margin, Margin, PageWidth - 2 * Margin, PageHeight - 2 * Margin);
            using (var words = new SkiaSurface(canvas))
            {
                var heading = Fit(exercise.Name, HeadingSize, content.Width, bold: true);
                words.Text(exercise.Name, new SurfacePoint(content.Left, content.Top + heading), heading, FigurePalette.Text, bold: true);

                var figureArea = SKRect.Create(content.Left, content.Top + HeadingSize * 2, content.Width, FigureHeight);
                var figure = Draw(canvas, figureArea, exercise, layout, shown);

                var size = Fit(dose, DoseSize, content.Width, bold: false);
                words.Text(dose, new SurfacePoint(content.Left, figure.Bottom + DoseSize * 2), size, FigurePalette.Text, bold: false);
            }
            document.EndPage();
            document.Close();
        }
        return stream.ToArray();
    }

    /// <summary>The size, no larger than asked, at which a line of text fits the width.</summary>
    private static double Fit(string text, double size, double width, bool bold)
    {
        var natural = SkiaSurface.TextWidth(text, size, bold);
        return natural > width ? size * width / natural : size;
    }
}
