using System.Text.Json;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Hosting;

namespace Limber.Web.Safety;

/// <summary>The body of POST /api/v1/me/screens/recheck, for the OpenAPI description; the handler reads the JSON itself.</summary>
public sealed record RecheckRequestJson(IReadOnlyDictionary<string, string> Answers);

/// <summary>
/// The weekly recheck of the emergency items (safety.md section 3): only those questions are asked again, on top of
/// the person's latest complete screen, and the result is judged and stored like any screen, marked as a recheck.
/// Same group, authorization and refusals as <see cref="MeApi"/>.
/// </summary>
public static class RecheckEndpoints
{
    public const string Title = "The recheck cannot be judged";

    public const string NothingToRecheckTitle = "Answer the full questions first";

    /// <summary>Where a person answers the full questions (the page; the API is POST /api/v1/me/screens).</summary>
    public const string FullScreenPage = "/screen";

    public static IEndpointRouteBuilder MapScreenRecheck(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Your data").RequireAuthorization(AccountRegistration.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        me.MapPost("/screens/recheck", Recheck).WithName("RecheckEmergencyItems")
            .WithSummary("Answer only the emergency questions again (weekly while a program runs); the other answers are kept from the latest screen, then it is judged and stored")
            .Accepts<RecheckRequestJson>("application/json")
            .Produces<StoredScreenResultJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    private static async Task<IResult> Recheck(HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ScreenRecords screens, CancellationToken ct)
    {
        if (await MeApi.ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        var (answers, invalid) = await ReadAnswersAsync(context.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }
        if (await screens.LatestCompleteAsync(person.Id, ct) is not { } previous)
        {
            return NothingToRecheck();
        }

        var validation = WarningSignScreen.Recheck(previous, answers);
        if (validation.Screen is not { } screen)
        {
            var errors = new FieldErrors();
            foreach (var (field, message) in Errors(validation, answers))
            {
                errors.Add(field, message);
            }
            return errors.ToProblem(Title);
        }

        var stored = await screens.StoreAsync(person.Id, screen, WarningSignScreen.Judge(screen), kind: ScreenKind.EmergencyRecheck, ct: ct);
        var gate = await screens.GateAsync(person.Id, ct);
        return TypedResults.Created($"/api/v1/me/screens/{stored.Screen.Id}",
            new StoredScreenResultJson(StoredScreenJson.From(stored), RoutineGateJson.From(gate)));
    }

    /// <summary>
    /// The problems of a recheck, each under the field it is about: an emergency question left unanswered is named
    /// as <c>answers.{id}</c> (never taken as "no"); a missing <c>answers</c> object is <c>answers</c>.
    /// Shared with the page.
    /// </summary>
    public static IEnumerable<(string Field, string Message)> Errors(ScreenValidation validation, IReadOnlyDictionary<string, string?>? answers)
    {
        ArgumentNullException.ThrowIfNull(validation);
        foreach (var error in validation.Errors)
        {
            // With an answers object, an error on "answers" itself lists the unanswered questions: named one by one below.
            if (answers is null || error.Field != "answers")
            {
                yield return (error.Field, error.Message);
            }
        }
        if (answers is null)
        {
            yield break;
        }
        foreach (var item in WarningSignScreen.EmergencyItems)
        {
            if (!answers.TryGetValue(item.Id, out var value) || string.IsNullOrWhiteSpace(value))
            {
                yield return ($"answers.{item.Id}", $"{item.Id} has no answer yet: it needs yes, no or unsure. {item.Question}");
            }
        }
    }

    internal static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NothingToRecheck() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: NothingToRecheckTitle,
        detail: "There is no complete earlier screen to check again. Answer the full warning-sign questions first, "
            + $"on the page {FullScreenPage} or with POST /api/v1/me/screens; after that the emergency questions can be asked on their own.",
        extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["screen"] = FullScreenPage });

    /// <summary>
    /// Reads <c>{"answers": {id: "yes" | "no" | "unsure"}}</c>: the answers (null when the object is missing or
    /// null, which validation then reports), or the 4xx naming what is wrong with the body.
    /// </summary>
    private static async Task<(Dictionary<string, string?>? Answers, IResult? Refusal)> ReadAnswersAsync(HttpRequest request, CancellationToken ct)
    {
        var (document, refusal) = await JsonBody.ReadObjectAsync(request, Title, "answers: the emergency questions' ids, each \"yes\", \"no\" or \"unsure\"", ct);
        if (document is null)
        {
            return (null, refusal);
        }

        using (document)
        {
            var errors = new FieldErrors();
            Dictionary<string, string?>? answers = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "answers" when property.Value.ValueKind == JsonValueKind.Object:
                        answers = SafetyApi.ReadAnswers(property.Value, errors);
                        break;
                    case "answers" when property.Value.ValueKind != JsonValueKind.Null:
                        errors.Add("answers", "answers must be an object of emergency question id to \"yes\", \"no\" or \"unsure\".");
                        break;
                    case "answers":
                        break;
                    default:
                        JsonBody.RefuseUnknown(property, ["answers"], "a recheck (the age and the other answers are kept from your latest screen)", errors);
                        break;
                }
            }
            return errors.Any ? (null, errors.ToProblem(Title)) : (answers, null);
        }
    }
}
