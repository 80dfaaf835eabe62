using System.Text.Json;
using Limber.Domain.Safety;
using Limber.Web.Hosting;

namespace Limber.Web.Safety;

/// <summary>
/// The warning-sign screen as a stateless API: nothing is stored and no account is needed.
/// The body is read by hand so that every kind of bad input gets a 4xx that names the problem.
/// </summary>
public static class SafetyApi
{
    public const string ScreenTitle = "The screen cannot be judged";

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
        var (screen, refusal) = await ReadScreenAsync(request, ct);
        return screen is null ? refusal! : TypedResults.Ok(ScreenResultJson.From(WarningSignScreen.Judge(screen)));
    }

    /// <summary>
    /// Reads a screen body (<c>age</c>, <c>firstEpisode</c>, <c>answers</c>) into a complete screen, or the 4xx
    /// that says what is wrong with it. Shared by the stateless screen and the stored one.
    /// </summary>
    public static async Task<(CompleteScreen? Screen, IResult? Refusal)> ReadScreenAsync(HttpRequest request, CancellationToken ct)
    {
        var (document, refusal) = await JsonBody.ReadObjectAsync(request, ScreenTitle, "age, firstEpisode and answers", ct);
        if (document is null)
        {
            return (null, refusal);
        }

        using (document)
        {
            var errors = new FieldErrors();
            int? age = null;
            bool? firstEpisode = null;
            Dictionary<string, string?>? answers = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "age" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var a):
                        age = a;
                        break;
                    case "age" when property.Value.ValueKind != JsonValueKind.Null:
                        errors.Add("age", "age must be a whole number of years.");
                        break;
                    case "firstEpisode" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                        firstEpisode = property.Value.GetBoolean();
                        break;
                    case "firstEpisode" when property.Value.ValueKind != JsonValueKind.Null:
                        errors.Add("firstEpisode", "firstEpisode must be true or false.");
                        break;
                    case "answers" when property.Value.ValueKind == JsonValueKind.Object:
                        answers = ReadAnswers(property.Value, errors);
                        break;
                    case "answers" when property.Value.ValueKind != JsonValueKind.Null:
                        errors.Add("answers", "answers must be an object of item id to \"yes\", \"no\" or \"unsure\".");
                        break;
                    case "age" or "firstEpisode" or "answers":
                        break;
                    default:
                        JsonBody.RefuseUnknown(property, ["age", "firstEpisode", "answers"], "the screen", errors);
                        break;
                }
            }

            if (!errors.Any)
            {
                var validation = WarningSignScreen.Validate(age, firstEpisode, answers);
                if (validation.Screen is { } screen)
                {
                    return (screen, null);
                }
                foreach (var error in validation.Errors)
                {
                    errors.Add(error.Field, error.Message);
                }
            }

            return (null, errors.ToProblem(ScreenTitle));
        }
    }

    /// <summary>The answers object of a screen body: each answer as text, or an error under <c>answers.&lt;id&gt;</c>.</summary>
    public static Dictionary<string, string?> ReadAnswers(JsonElement value, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var answers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var answer in value.EnumerateObject())
        {
            if (answer.Value.ValueKind == JsonValueKind.String)
            {
                answers[answer.Name] = answer.Value.GetString();
            }
            else
            {
                errors.Add($"answers.{FieldErrors.Clip(answer.Name)}", "Each answer must be \"yes\", \"no\" or \"unsure\".");
            }
        }
        return answers;
    }
}
