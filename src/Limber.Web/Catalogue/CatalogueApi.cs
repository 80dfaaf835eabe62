using System.ComponentModel;
using System.IO.Compression;
using Limber.Domain.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace Limber.Web.Catalogue;

public static class CatalogueApi
{
    public const string CachePolicy = "catalogue";

    /// <summary>The catalogue API's paths: the only answers Limber compresses (<see cref="UseCatalogueCompression"/>).</summary>
    public const string Path = "/api/v1/exercises";

    /// <summary>
    /// Answers kept in memory: 10 minutes each, varied by every query parameter and by the encodings the client accepts,
    /// at most 16 MB in all. Only 200s to requests without an Authorization header are kept (the output cache's own
    /// rules). With them, what compresses the catalogue's answers (<see cref="UseCatalogueCompression"/>).
    /// </summary>
    public static IServiceCollection AddCatalogueCache(this IServiceCollection services) =>
        services
            .AddOutputCache(o =>
            {
                o.SizeLimit = 16 * 1024 * 1024;
                o.AddPolicy(CachePolicy, policy => policy.Expire(TimeSpan.FromMinutes(10)).SetVaryByQuery("*").SetVaryByHeader(HeaderNames.AcceptEncoding));
            })
            .Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal)
            .Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal)
            .AddResponseCompression(o =>
            {
                // Over HTTPS too: a catalogue answer is the same for everyone and holds no secret, so compressing it
                // gives an attacker nothing to guess at (BREACH needs a secret in the compressed answer). That is why
                // only the catalogue is compressed, never a page or a person's data.
                o.EnableForHttps = true;
                o.Providers.Add<BrotliCompressionProvider>();
                o.Providers.Add<GzipCompressionProvider>();
                o.MimeTypes = ["application/json"];
            });

    /// <summary>
    /// Compresses the catalogue's JSON answers (Brotli or gzip, as the client accepts; a list of 20 exercises is 45 KB,
    /// 8-9 KB compressed). Goes after the output cache, so the cache keeps the compressed answer and a cached answer is
    /// never compressed again.
    /// </summary>
    public static IApplicationBuilder UseCatalogueCompression(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Path), catalogue => catalogue.UseResponseCompression());

    public static IEndpointRouteBuilder MapCatalogueApi(this IEndpointRouteBuilder app)
    {
        // The catalogue does not change while Limber runs, so each answer is kept, by its query, for the next asker.
        var group = app.MapGroup(Path).WithTags("Exercises").CacheOutput(CachePolicy);

        // Parameters bind as plain strings so that a bad value reaches our parser, which names it;
        // the framework's own binding failure would answer without saying which parameter was wrong. The lists say
        // [FromQuery]: the build-time request delegate generator would otherwise take a string[] for a JSON body,
        // and its endpoint would then match only requests that send one (404 to a plain GET). The defaults keep them
        // optional in the OpenAPI document: the generator does not count a nullable array as optional.
        group.MapGet("/", (
                HttpRequest request,
                ExerciseCatalogue catalogue,
                [Description("Words to find in the name or an alias")] string? q = null,
                [FromQuery, Description("Body areas, repeated or comma-separated: lowerBack, hipFront, hipSide, hamstrings, glutes, core, upperBack")] string[]? bodyArea = null,
                [FromQuery, Description("Kinds: stretch, mobility, strength, warmUp, selfMassage, breathing")] string[]? kind = null,
                [FromQuery, Description("Start positions: standing, seated, lyingBack, lyingFront, lyingSide, kneeling, halfKneeling, allFours")] string[]? position = null,
                [FromQuery, Description("Equipment the person has (none, chair, wall, mat, pillow, towel, foamRoller, step); only exercises needing nothing else match")] string[]? equipment = null,
                [FromQuery, Description("Difficulty 1, 2 or 3")] string[]? difficulty = null,
                [Description("Only exercises whose default dose fits in this many minutes (1-120)")] string? maxMinutes = null,
                [Description("Page number, from 1")] string? page = null,
                [Description("Items per page, 1-100 (default 20)")] string? pageSize = null) => List(request, catalogue))
            .WithName("ListExercises")
            .WithSummary("Search and filter the exercise catalogue")
            .Produces<ExerciseListJson>()
            .ProducesValidationProblem();

        group.MapGet("/{id}", Results<Ok<ExerciseJson>, ProblemHttpResult> (string id, ExerciseCatalogue catalogue) =>
                catalogue.Find(id) is { } exercise
                    ? TypedResults.Ok(ExerciseJson.From(exercise))
                    : TypedResults.Problem(
                        statusCode: StatusCodes.Status404NotFound,
                        title: "No such exercise",
                        detail: $"There is no exercise with id '{(id.Length > 60 ? id[..60] + "..." : id)}'."))
            .WithName("GetExercise")
            .WithSummary("One exercise by its stable id")
            .Produces<ExerciseJson>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static IResult List(HttpRequest request, ExerciseCatalogue catalogue)
    {
        var unknown = request.Query.Keys.Where(k => !ExerciseQueryParser.Parameters.Contains(k)).ToList();
        var (query, errors) = ExerciseQueryParser.Parse(QueryValues.Of(request));
        if (unknown.Count > 0)
        {
            var all = errors.ToDictionary(e => e.Key, e => e.Value);
            foreach (var name in unknown)
            {
                all[name] = [$"'{name}' is not a parameter of this endpoint; use {string.Join(", ", ExerciseQueryParser.Parameters)}"];
            }
            errors = all;
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(
                errors,
                title: "Some query parameters cannot be used",
                detail: string.Join(" ", errors.SelectMany(e => e.Value)));
        }
        var page = catalogue.Query(query);
        return TypedResults.Ok(new ExerciseListJson(page.Items.Select(ExerciseJson.From).ToArray(), page.Total, page.Page, page.PageSize));
    }
}
