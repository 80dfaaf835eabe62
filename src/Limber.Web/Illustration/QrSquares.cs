using QRCoder;
using SkiaSharp;

namespace Limber.Web.Illustration;

/// <summary>
/// A QR code drawn as vector squares on a SkiaSharp canvas, so it stays sharp at any print size and in any PDF viewer.
/// QRCoder (MIT) only encodes: its module matrix is all that is used, none of its bitmap renderers.
/// </summary>
public static class QrSquares
{
    /// <summary>The white margin every QR code needs around it to be read: four modules wide (ISO/IEC 18004).</summary>
    public const int QuietZone = 4;

    /// <summary>
    /// The modules of the code for <paramref name="text"/>, [row, column], true for dark, without the quiet zone.
    /// Error correction level M (15 %): a printed sheet gets creased and marked.
    /// </summary>
    public static bool[,] Modules(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        // QRCoder pads the matrix with the quiet zone; the drawing leaves it as white space instead.
        var size = 21 + 4 * (data.Version - 1);
        var pad = (matrix.Count - size) / 2;
        var modules = new bool[size, size];
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                modules[row, column] = matrix[row + pad][column + pad];
            }
        }
        return modules;
    }

    /// <summary>
    /// Draws the code filling the square <paramref name="area"/>, quiet zone included (it is left unpainted: the page
    /// is white). Each run of dark modules in a row is one rectangle, and all of them are one filled path, so no
    /// viewer shows hairline seams between neighbouring modules.
    /// </summary>
    public static void Draw(SKCanvas canvas, SKRect area, bool[,] modules, SKColor colour)
    {
        ArgumentNullException.ThrowIfNull(canvas);
        ArgumentNullException.ThrowIfNull(modules);
        var size = modules.GetLength(0);
        var module = Math.Min(area.Width, area.Height) / (size + 2 * QuietZone);
        var left = area.Left + QuietZone * module;
        var top = area.Top + QuietZone * module;
        using var path = new SKPath();
        foreach (var (row, start, length) in Runs(modules))
        {
            path.AddRect(SKRect.Create(left + start * module, top + row * module, length * module, module));
        }
        using var paint = new SKPaint { Color = colour, Style = SKPaintStyle.Fill, IsAntialias = false };
        canvas.DrawPath(path, paint);
    }

    /// <summary>Each run of dark modules in a row, left to right and top to bottom: one rectangle each when drawn.</summary>
    public static IEnumerable<(int Row, int Start, int Length)> Runs(bool[,] modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        var size = modules.GetLength(0);
        for (var row = 0; row < size; row++)
        {
            var column = 0;
            while (column < size)
            {
                if (!modules[row, column])
                {
                    column++;
                    continue;
                }
                var start = column;
                while (column < size && modules[row, column])
                {
                    column++;
                }
                yield return (row, start, column - start);
            }
        }
    }
}
