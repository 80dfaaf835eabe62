using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;
using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;
using Microsoft.Net.Http.Headers;

namespace Limber.Web.Illustration;

/// <summary>The file formats a figure's still pair comes in besides SVG.</summary>
public enum FigureFormat { Png, Pdf }

/// <summary>Which figure file: the exercise, the side shown, the format, and the width in pixels (PNG only; 0 for PDF).</summary>
public readonly record struct FigureFileKey(string ExerciseId, BodySide Side, FigureFormat Format, int Width);

/// <summary>A rendered figure file and its ETag.</summary>
public sealed record FigureFile(byte[] Bytes, string ETag);

/// <summary>
/// Renders each figure file once, as <see cref="FigureCache"/> does for SVG. Widths make many more keys than SVG has,
/// so the cache keeps at most <see cref="Budget"/> bytes; past that, files are rendered for each request (a PNG
/// takes milliseconds) rather than letting a client that walks through every width fill the server's memory.
/// </summary>
public sealed class FigureFileCache(ExerciseCatalogue catalogue, FigureCache figures)
{
    public const long Budget = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<FigureFileKey, FigureFile> _files = new();
    private long _bytes;

    /// <summary>The file, or null when the exercise is unknown or has no figure.</summary>
    public FigureFile? Get(FigureFileKey key)
    {
        if (_files.TryGetValue(key, out var cached))
        {
            return cached;
        }
        if (catalogue.Find(key.ExerciseId) is not { } exercise || figures.Layout(key.ExerciseId) is not { } layout)
        {
            return null;
        }
        var bytes = key.Format switch
        {
            FigureFormat.Png => PngFigure.Render(exercise, layout, key.Side, key.Width),
            FigureFormat.Pdf => PdfFigure.Page(exercise, layout, key.Side),
        };
        var file = new FigureFile(bytes, "\"" + Convert.ToHexString(SHA256.HashData(bytes), 0, 12).ToLowerInvariant() + "\"");
        if (Interlocked.Add(ref _bytes, bytes.Length) <= Budget)
        {
            // Two requests racing on one key both render; the first stored wins so its ETag stays the one served.
            if (_files.TryAdd(key, file))
            {
                return file;
            }
            Interlocked.Add(ref _bytes, -bytes.Length);
            return _files[key];
        }
        Interlocked.Add(ref _bytes, -bytes.Length);
        return file;
    }
}

/// <summary>
/// <c>/exercises/{id}/figure.png</c> and <c>/exercises/{id}/figure.pdf</c>: the still pair for e-mail, chat and print.
/// Mapped from <see cref="FigureEndpoints.MapFigures"/>.
/// </summary>
public static class FigureFileEndpoints
{
    public static IEndpointRouteBuilder MapFigureFiles(this IEndpointRouteBuilder app)
    {
        // One cache for the app's lifetime, made here so the PNG and PDF endpoints need no registration of their own.
        var files = new FigureFileCache(app.ServiceProvider.GetRequiredService<ExerciseCatalogue>(),
            app.ServiceProvider.GetRequiredService<FigureCache>());

        app.MapGet("/exercises/{id}/figure.png", (string id, HttpContext context,
                [Description("right (the default) or left: the side that works, for one-sided exercises")] string? side,
                [Description("Width in pixels, 200 to 2000; 800 if absent")] string? width) =>
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var shown = Side(side, errors);
                var pixels = PngFigure.DefaultWidth;
                if (!string.IsNullOrEmpty(width) && (!int.TryParse(width, NumberStyles.None, CultureInfo.InvariantCulture, out pixels)
                    || pixels is < PngFigure.MinWidth or > PngFigure.MaxWidth))
                {
                    errors["width"] = [$"width must be a whole number of pixels from {PngFigure.MinWidth} to {PngFigure.MaxWidth}"];
                }
                return Serve(context, files, id, shown, FigureFormat.Png, pixels, errors, "image/png");
            })
            .WithName("ExerciseFigurePng")
            .WithTags("Exercises")
            .WithSummary("The exercise's start and end positions side by side as a PNG, for e-mail, chat and slides")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/exercises/{id}/figure.pdf", (string id, HttpContext context,
                [Description("right (the default) or left: the side that works, for one-sided exercises")] string? side) =>
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var shown = Side(side, errors);
                return Serve(context, files, id, shown, FigureFormat.Pdf, 0, errors, "application/pdf");
            })
            .WithName("ExerciseFigurePdf")
            .WithTags("Exercises")
            .WithSummary("A one-page A4 PDF of the exercise: its name, start and end positions, and dose")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The address of a figure file, as pages link to it.</summary>
    public static string Url(string exerciseId, FigureFormat format, bool left = false, int? width = null)
    {
        var query = new List<string>();
        if (left)
        {
            query.Add("side=left");
        }
        if (width is { } w && format == FigureFormat.Png)
        {
            query.Add(FormattableString.Invariant($"width={w}"));
        }
        var extension = format == FigureFormat.Png ? "png" : "pdf";
        return $"/exercises/{Uri.EscapeDataString(exerciseId)}/figure.{extension}" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    // The same words as the SVG endpoint, so a client sees one rule for all three formats.
    internal static BodySide Side(string? side, Dictionary<string, string[]> errors)
    {
        switch (side)
        {
            case null or "" or "right":
                return BodySide.Working;
            case "left":
                return BodySide.Other;
            default:
                errors["side"] = ["side must be left or right"];
                return BodySide.Working;
        }
    }

    private static IResult Serve(HttpContext context, FigureFileCache files, string id, BodySide side, FigureFormat format, int width,
        Dictionary<string, string[]> errors, string contentType)
    {
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "This figure cannot be drawn", detail: string.Join(" ", errors.SelectMany(e => e.Value)));
        }
        if (files.Get(new FigureFileKey(id, side, format, width)) is not { } file)
        {
            return NoSuchFigure(id);
        }

        if (format == FigureFormat.Pdf)
        {
            // Shown in the browser's viewer, and saved under the exercise's name rather than "figure.pdf".
            context.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = id + ".pdf" }.ToString();
        }
        return Send(context, file.Bytes, file.ETag, contentType);
    }

    /// <summary>A figure with its ETag, cacheable for an hour; 304 when the client already has it.</summary>
    internal static IResult Send(HttpContext context, byte[] bytes, string etag, string contentType)
    {
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "public, max-age=3600";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        return Results.Bytes(bytes, contentType);
    }

    internal static IResult NoSuchFigure(string id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such figure",
        detail: $"There is no figure for an exercise with id '{(id.Length > 60 ? id[..60] + "..." : id)}'.");
}
