using System.Collections.Concurrent;
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

    public FigureLayout? Layout(string exerciseId) => _layouts.GetOrAdd(exerciseId, id =>
        catalogue.Find(id) is { Figure: { } script } e ? FigureLayout.Build(script, e.Muscles, e.Dose.PerSide) : null);

    public RenderedFigure? Get(FigureKey key) => _figures.GetOrAdd(key, k =>
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
        app.MapGet("/exercises/{id}/figure.svg", (string id, HttpContext context, FigureCache figures) =>
            {
                var query = context.Request.Query;
                var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                var side = BodySide.Working;
                switch (query["side"].ToString())
                {
                    case "" or "right":
                        break;
                    case "left":
                        side = BodySide.Other;
                        break;
                    default:
                        errors["side"] = ["side must be left or right"];
                        break;
                }
                var still = false;
                switch (query["static"].ToString())
                {
                    case "" or "false":
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
                if (figures.Get(new FigureKey(id, side, still)) is not { } figure)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such figure",
                        detail: $"There is no figure for an exercise with id '{(id.Length > 60 ? id[..60] + "..." : id)}'.");
                }

                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = SvgFigure.ContentSecurityPolicy;
                headers.ETag = figure.ETag;
                headers.CacheControl = "public, max-age=3600";
                if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == figure.ETag)))
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }
                return Results.Bytes(figure.Svg, "image/svg+xml; charset=utf-8");
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
