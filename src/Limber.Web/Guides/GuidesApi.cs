using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Limber.Domain.Catalogue;
using Limber.Domain.Guides;
using Limber.Web.Catalogue;
using Limber.Web.Illustration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Limber.Web.Guides;

/// <summary>A guide in a list: enough to show a link and what it is about.</summary>
public sealed record GuideSummaryJson(string Id, string Title, string Summary, string Url);

public sealed record GuideListJson(IReadOnlyList<GuideSummaryJson> Items, int Total);

/// <summary>An exercise a guide points to.</summary>
public sealed record GuideExerciseJson(string Id, string Name, string Url);

/// <summary>A still figure of a guide, with its words for people who cannot see it.</summary>
public sealed record GuideFigureJson(string Title, string Description, string Url);

/// <summary>
/// One guide: its text as written (<c>markdown</c>) and as safe HTML (<c>html</c>: no raw HTML, links only to this
/// site or https sources), its sources, the exercises it points to, its figures and its interactive helpers.
/// </summary>
public sealed record GuideJson(
    string Id,
    string Title,
    string Summary,
    string Url,
    string Markdown,
    string Html,
    IReadOnlyList<SourceJson> Sources,
    IReadOnlyList<GuideExerciseJson> Exercises,
    IReadOnlyList<GuideFigureJson> Figures,
    IReadOnlyList<string> Helpers)
{
    public static GuideJson From(Guide guide, ExerciseCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(guide);
        ArgumentNullException.ThrowIfNull(catalogue);
        return new GuideJson(
            guide.Id,
            guide.Title,
            guide.Summary,
            GuidesApi.PageUrl(guide.Id),
            guide.Markdown,
            guide.Html,
            guide.Sources.Select(s => new SourceJson(s.Id, s.Citation, s.Url)).ToArray(),
            guide.Exercises.Select(catalogue.Find).OfType<Exercise>().Select(e => new GuideExerciseJson(e.Id, e.Name, $"/exercises/{e.Id}")).ToArray(),
            guide.Figures.Select((f, i) => new GuideFigureJson(f.Title, f.Description, GuidesApi.FigureUrl(guide.Id, i + 1))).ToArray(),
            guide.Helpers.Select(ContentName.Of).ToArray());
    }
}

/// <summary>
/// The self-care guides for any client, no account needed: <c>GET /api/v1/guides</c>, <c>GET /api/v1/guides/{id}</c>,
/// and each guide figure as SVG at <c>/guides/{id}/figures/{n}.svg</c>.
/// </summary>
public static class GuidesApi
{
    public static string PageUrl(string id) => $"/guides/{Uri.EscapeDataString(id)}";

    /// <summary>The address of a guide's figure, numbered from 1 in the order the guide lists them.</summary>
    public static string FigureUrl(string id, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"/guides/{Uri.EscapeDataString(id)}/figures/{number}.svg");

    public static IEndpointRouteBuilder MapGuidesApi(this IEndpointRouteBuilder app)
    {
        var library = app.ServiceProvider.GetRequiredService<GuideLibrary>();
        var group = app.MapGroup("/api/v1/guides").WithTags("Guides");

        group.MapGet("/", () => TypedResults.Ok(new GuideListJson(
                library.All.Select(g => new GuideSummaryJson(g.Id, g.Title, g.Summary, PageUrl(g.Id))).ToArray(),
                library.All.Count)))
            .WithName("ListGuides")
            .WithSummary("Every self-care guide, ordered by title");

        group.MapGet("/{id}", Results<Ok<GuideJson>, ProblemHttpResult> (string id, ExerciseCatalogue catalogue) =>
                library.Find(id) is { } guide
                    ? TypedResults.Ok(GuideJson.From(guide, catalogue))
                    : NoSuchGuide(id))
            .WithName("GetGuide")
            .WithSummary("One self-care guide by its id, with its sources")
            .Produces<GuideJson>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Every figure drawn once: the guides never change while the app runs.
        var figures = new Dictionary<(string, string), (byte[] Svg, string ETag)>();
        foreach (var guide in library.All)
        {
            for (var i = 0; i < guide.Figures.Count; i++)
            {
                var svg = Encoding.UTF8.GetBytes(GuideFigureSvg.Render(guide.Figures[i]));
                var etag = "\"" + Convert.ToHexString(SHA256.HashData(svg), 0, 12).ToLowerInvariant() + "\"";
                figures[(guide.Id, (i + 1).ToString(CultureInfo.InvariantCulture))] = (svg, etag);
            }
        }
        app.MapGet("/guides/{id}/figures/{number}.svg", (string id, string number, HttpContext context) =>
            {
                if (!figures.TryGetValue((id, number), out var figure))
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such figure",
                        detail: $"There is no figure {Shorten(number)} in a guide with id '{Shorten(id)}'.");
                }
                context.Response.Headers.ContentSecurityPolicy = GuideFigureSvg.ContentSecurityPolicy;
                return FigureFileEndpoints.Send(context, figure.Svg, figure.ETag, "image/svg+xml; charset=utf-8");
            })
            .WithName("GuideFigure")
            .WithTags("Guides")
            .WithSummary("A still figure of a guide as SVG, numbered from 1")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static ProblemHttpResult NoSuchGuide(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such guide",
        detail: $"There is no guide with id '{Shorten(id)}'.");

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "..." : text;
}
