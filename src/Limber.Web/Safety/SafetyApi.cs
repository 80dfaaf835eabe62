using System.Text.Json;
using Limber.Domain.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Limber.Web.Safety;

/// <summary>
/// The warning-sign screen as a stateless API: nothing is stored and no account is needed.
/// The body is read by hand so that every kind of bad input gets a 4xx that names the problem.
/// </summary>
public static class SafetyApi
{
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly string[] Fields = ["age", "firstEpisode", "answers"];

    public static IEndpointRouteBuilder MapSafetyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/safety").WithTags("Safety");

        group.MapGet("/items", () => TypedResults.Ok(SafetyItemsJson.Current))
            .WithName("ListSafetyItems")
            .WithSummary("The warning-sign questions, with what a yes gives");

        group.MapPost("/screen", Judge)
            .WithName("JudgeScreen")
            .WithSummary("Judge a complete warning-sign screen; nothing is stored")
            .Accepts<ScreenRequestJson>("application/json")
            .Produces<ScreenResultJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        return app;
    }

    private static async Task<IResult> Judge(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be JSON", detail: "Send the screen as application/json.");
        }

        var body = await ReadCapped(request.Body, ct);
        if (body is null)
        {
            return TooLarge();
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return Invalid("body", $"The body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}).");
        }

        using (document)
        {
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            void Error(string field, string message)
            {
                if (!errors.TryGetValue(field, out var list))
                {
                    errors[field] = list = [];
                }
                list.Add(message);
            }

            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Invalid("body", "The body must be a JSON object with age, firstEpisode and answers.");
            }

            int? age = null;
            bool? firstEpisode = null;
            Dictionary<string, string?>? answers = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "age" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var a):
                        age = a;
                        break;
                    case "age" when property.Value.ValueKind != JsonValueKind.Null:
                        Error("age", "age must be a whole number of years.");
                        break;
                    case "firstEpisode" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                        firstEpisode = property.Value.GetBoolean();
                        break;
                    case "firstEpisode" when property.Value.ValueKind != JsonValueKind.Null:
                        Error("firstEpisode", "firstEpisode must be true or false.");
                        break;
                    case "answers" when property.Value.ValueKind == JsonValueKind.Object:
                        answers = new Dictionary<string, string?>(StringComparer.Ordinal);
                        foreach (var answer in property.Value.EnumerateObject())
                        {
                            if (answer.Value.ValueKind == JsonValueKind.String)
                            {
                                answers[answer.Name] = answer.Value.GetString();
                            }
                            else
                            {
                                Error($"answers.{Clip(answer.Name)}", "Each answer must be \"yes\", \"no\" or \"unsure\".");
                            }
                        }
                        break;
                    case "answers" when property.Value.ValueKind != JsonValueKind.Null:
                        Error("answers", "answers must be an object of item id to \"yes\", \"no\" or \"unsure\".");
                        break;
                    case "age" or "firstEpisode" or "answers":
                        break;
                    default:
                        Error(Clip(property.Name), $"'{Clip(property.Name)}' is not a field of the screen; use {string.Join(", ", Fields)}.");
                        break;
                }
            }

            if (errors.Count == 0)
            {
                var validation = WarningSignScreen.Validate(age, firstEpisode, answers);
                if (validation.Screen is { } screen)
                {
                    return TypedResults.Ok(ScreenResultJson.From(WarningSignScreen.Judge(screen)));
                }
                foreach (var error in validation.Errors)
                {
                    Error(error.Field, error.Message);
                }
            }

            var all = errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
            return TypedResults.ValidationProblem(all,
                title: "The screen cannot be judged",
                detail: string.Join(" ", all.SelectMany(e => e.Value)));
        }
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; null when the body is longer (a chunked body has no length up front).</summary>
    private static async Task<byte[]?> ReadCapped(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The body is too large",
        detail: $"A screen is at most {MaxBodyBytes / 1024} KB of JSON.");

    private static ValidationProblem Invalid(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] },
        title: "The screen cannot be judged",
        detail: message);

    private static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "...";
}
