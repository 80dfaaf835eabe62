using System.Collections.Concurrent;
using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;

namespace Limber.Web.Illustration;

/// <summary>Which figure to draw: the exercise, the side shown, and animated or still.</summary>
public readonly record struct FigureKey(string ExerciseId, BodySide Side, bool Still);

/// <summary>A rendered figure and its ETag.</summary>
public sealed record RenderedFigure(byte[] Svg, string ETag);

/// <summary>
/// Renders each figure once: the catalogue never changes while the app runs, so neither do its figures.
/// </summary>
public sealed class FigureCache(ExerciseCatalogue catalogue)
{
    private readonly ConcurrentDictionary<FigureKey, RenderedFigure?> _figures = new();
    private readonly ConcurrentDictionary<string, FigureLayout?> _layouts = new(StringComparer.Ordinal);

    // Only ids of the catalogue reach the caches, so requests for made-up ids cannot grow them.
    public FigureLayout? Layout(string exerciseId) => catalogue.Find(exerciseId) is null ? null : _layouts.GetOrAdd(exerciseId, id =>
        catalogue.Find(id) is { Figure: { } script } e ? FigureLayout.Build(script, e.Muscles, e.Dose.PerSide) : null);

    public RenderedFigure? Get(FigureKey key) => catalogue.Find(key.ExerciseId) is null ? null : _figures.GetOrAdd(key, k =>
    {
        if (catalogue.Find(k.ExerciseId) is not { } exercise || Layout(k.ExerciseId) is not { } layout)
        {
            return null;
        }
        var svg = Encoding.UTF8.GetBytes(SvgFigure.Render(exercise, layout, k.Side, k.Still));
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(svg), 0, 12).ToLowerInvariant() + "\"";
        return new RenderedFigure(svg, etag);
    });
}

public static class FigureEndpoints
{
    public static IEndpointRouteBuilder MapFigures(this IEndpointRouteBuilder app)
    {
        app.MapGet("/exercises/{id}/figure.svg", (string id, HttpContext context, FigureCache figures,
                [Description("right (the default) or left: the side that works, for one-sided exercises")] string? side,
                [Description("true for the start and end positions side by side, without animation")] string? @static) =>
            {
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var shown = FigureFileEndpoints.Side(side, errors);
                var still = false;
                switch (@static)
                {
                    case null or "" or "false":
                        break;
                    case "true":
                        still = true;
                        break;
                    default:
                        errors["static"] = ["static must be true or false"];
                        break;
                }
                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors, title: "This figure cannot be drawn", detail: string.Join(" ", errors.SelectMany(e => e.Value)));
                }
                if (figures.Get(new FigureKey(id, shown, still)) is not { } figure)
                {
                    return FigureFileEndpoints.NoSuchFigure(id);
                }
                context.Response.Headers.ContentSecurityPolicy = SvgFigure.ContentSecurityPolicy;
                return FigureFileEndpoints.Send(context, figure.Svg, figure.ETag, "image/svg+xml; charset=utf-8");
            })
            .WithName("ExerciseFigure")
            .WithTags("Exercises")
            .WithSummary("The exercise's figure as SVG: animated, or start and end side by side with static=true")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapFigureFiles();
        return app;
    }

    /// <summary>The address of a figure, as pages link to it.</summary>
    public static string Url(string exerciseId, bool left = false, bool still = false)
    {
        var query = new List<string>();
        if (left)
        {
            query.Add("side=left");
        }
        if (still)
        {
            query.Add("static=true");
        }
        return $"/exercises/{Uri.EscapeDataString(exerciseId)}/figure.svg" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

}
