using System.Text.Json;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Catalogue;
using Limber.Web.Hosting;

namespace Limber.Web.Planning;

public sealed record ExerciseLogRequestJson(string ExerciseId, bool Completed, string? Feedback, int? WorstPain);

/// <summary>A report made during the session with "this hurts" (safety.md section 4).</summary>
/// <param name="ExerciseId">The exercise being done, or null between exercises.</param>
/// <param name="Symptom">emergencySymptom, chestPainFaintingOrBreathless, sharpPain, spreadingPainOneLeg, spreadingPainBothLegs, numbnessOneLeg, numbnessBothLegsOrSaddle or painDuringExercise.</param>
/// <param name="PainScore">0-10, required with painDuringExercise.</param>
/// <param name="At">When it was reported.</param>
public sealed record SessionStopRequestJson(string? ExerciseId, string Symptom, int? PainScore, DateTimeOffset At);

/// <summary>A session as the player (or the person, after a session on their own) sends it.</summary>
public sealed record SessionRequestJson(
    string Date, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int? PainBefore, int? WorstPain, IReadOnlyList<ExerciseLogRequestJson> Exercises,
    IReadOnlyList<SessionStopRequestJson>? Stops);

public sealed record ExerciseLogJson(string ExerciseId, bool Completed, string? Feedback, int? WorstPain);

/// <summary>A report made during the session and the stop rule that answered it.</summary>
/// <param name="Action">What the player did: continue, continueAskAtCheckIn, stopSetRegressNextSession, stopExerciseOfferEasierOrSkip, stopSessionRegressNextTime or stopSessionAndRunEmergencyItems.</param>
/// <param name="Raises">The disposition it raised by itself: none or routine.</param>
public sealed record SessionStopJson(string? ExerciseId, string Symptom, int? PainScore, DateTimeOffset At, string RuleId, string Action, string Raises);

/// <summary>An exercise's current dose (safety.md section 5): its rung, what it is, and the latest decision in plain words.</summary>
public sealed record CurrentDoseJson(
    string ExerciseId, int Level, DoseJson Dose, string DoseText, string? ChangedOn, string Step, string RuleId, string Reason, bool AtTop)
{
    public static CurrentDoseJson From(CurrentDose dose)
    {
        ArgumentNullException.ThrowIfNull(dose);
        return new(dose.ExerciseId, dose.Level, DoseJson.From(dose.Dose), dose.Dose.Describe(),
            dose.ChangedOn is { } changed ? RequestValues.Day(changed) : null,
            ContentName.Of(dose.LastStep), dose.RuleId, dose.Reason, dose.AtTop);
    }
}

/// <summary>A stored session and the current doses of its exercises after it.</summary>
public sealed record SessionJson(
    Guid Id,
    string IdempotencyKey,
    string Date,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int? PainBefore,
    int? WorstPain,
    IReadOnlyList<ExerciseLogJson> Exercises,
    IReadOnlyList<SessionStopJson> Stops,
    IReadOnlyList<CurrentDoseJson> Doses)
{
    public static SessionJson From(Session session, AdaptationResult? adaptation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var ids = session.Exercises.Select(e => e.ExerciseId).ToHashSet(StringComparer.Ordinal);
        return new(session.Id, session.ClientSessionId, RequestValues.Day(session.Date), session.StartedAt, session.FinishedAt,
            session.PainBefore, session.WorstPain,
            [.. session.Exercises.Select(e => new ExerciseLogJson(e.ExerciseId, e.Completed, e.Feedback, e.WorstPain))],
            [.. session.Stops.OrderBy(s => s.At).Select(s => new SessionStopJson(s.ExerciseId, ContentName.Of(s.Symptom), s.PainScore, s.At, s.RuleId,
                ContentName.Of(s.Action), ContentName.Of(s.Raises)))],
            [.. (adaptation?.Doses ?? []).Where(d => ids.Contains(d.ExerciseId)).Select(CurrentDoseJson.From)]);
    }
}

public sealed record SessionListJson(string From, string To, IReadOnlyList<SessionJson> Sessions);

/// <summary>Every current dose and, when it is in force, the advice to book a routine review.</summary>
public sealed record DosesJson(IReadOnlyList<CurrentDoseJson> Doses, string? Review, string? ReviewRuleId);

/// <summary>
/// Sessions done, with per-exercise feedback (safety.md section 5), stored once per <c>Idempotency-Key</c> so an offline
/// phone may send again safely; and the current doses the feedback has led to.
/// </summary>
public static class SessionApi
{
    public const string KeyHeader = "Idempotency-Key";
    private const string Title = "The session could not be stored";
    private const int MostExercises = 40;

    public static readonly IReadOnlyList<string> FeedbackWords = ["tooEasy", "aboutRight", "tooHard", "hurt"];

    private const int MostStops = 40;

    private static readonly string[] Fields = ["date", "startedAt", "finishedAt", "painBefore", "worstPain", "exercises", "stops"];
    private static readonly string[] ExerciseFields = ["exerciseId", "completed", "feedback", "worstPain"];
    private static readonly string[] StopFields = ["exerciseId", "symptom", "painScore", "at"];

    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Sessions and doses").RequireAuthorization(AccountRegistration.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        me.MapPost("/sessions", Store).WithName("StoreSession")
            .WithSummary("Store a session done and how each exercise felt; the Idempotency-Key header makes sending it again safe")
            .Accepts<SessionRequestJson>("application/json")
            .Produces<SessionJson>(StatusCodes.Status201Created)
            .Produces<SessionJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        me.MapGet("/sessions", List).WithName("ListSessions")
            .WithSummary("Sessions from one day to another (from, to: YYYY-MM-DD; the last 30 days by default), oldest first")
            .Produces<SessionListJson>()
            .ProducesValidationProblem();
        me.MapGet("/doses", Doses).WithName("GetDoses")
            .WithSummary("The current dose of each exercise done so far, and why (safety.md section 5 progression rules)")
            .Produces<DosesJson>();
        return app;
    }

    private static async Task<IResult> Store(
        HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ProfileRecords profiles, SessionRecords sessions, DoseRecords doses,
        ExerciseCatalogue catalogue, TimeProvider time, CancellationToken ct)
    {
        if (await MeApi.ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        var keys = context.Request.Headers[KeyHeader];
        if (keys.Count != 1 || keys[0] is not { Length: > 0 and <= SessionRecords.KeyLength } key || key.Any(c => c is < '!' or > '~'))
        {
            return FieldErrors.One(Title, KeyHeader,
                $"Send one {KeyHeader} header naming this session: 1-{SessionRecords.KeyLength} visible ASCII characters, such as a UUID. "
                + "Sending the same session again with the same key stores it once.");
        }
        var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, Title, "date, startedAt and exercises at least", ct);
        if (document is null)
        {
            return bad!;
        }
        var timeZone = (await profiles.FindAsync(person.Id, ct))?.Profile.TimeZoneId;
        var errors = new FieldErrors();
        NewSession? session;
        using (document)
        {
            session = Read(document.RootElement, catalogue, PersonalDate.Today(time, timeZone), time.GetUtcNow(), errors);
        }
        if (session is null || errors.Any)
        {
            return errors.ToProblem(Title);
        }

        var stored = await sessions.StoreAsync(person.Id, key, session, ct);
        return stored.Outcome switch
        {
            SessionStoreOutcome.Created => TypedResults.Created($"/api/v1/me/sessions?from={RequestValues.Day(session.Date)}&to={RequestValues.Day(session.Date)}",
                SessionJson.From(stored.Session!, await doses.CurrentAsync(person.Id, ct))),
            SessionStoreOutcome.AlreadyStored => TypedResults.Ok(SessionJson.From(stored.Session!, await doses.CurrentAsync(person.Id, ct))),
            SessionStoreOutcome.KeyReused => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "This Idempotency-Key was used for another session",
                detail: $"A different session was stored with this {KeyHeader}. Give each session its own key; send the same key only to send the same session again."),
        };
    }

    private static async Task<IResult> List(
        HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ProfileRecords profiles, SessionRecords sessions, DoseRecords doses,
        TimeProvider time, CancellationToken ct)
    {
        if (await MeApi.ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        var today = PersonalDate.Today(time, (await profiles.FindAsync(person.Id, ct))?.Profile.TimeZoneId);
        var (from, to, bad) = RequestValues.Range(context.Request.Query, today, 30, "The sessions cannot be listed");
        if (bad is not null)
        {
            return bad;
        }
        var list = await sessions.ListAsync(person.Id, from, to, ct);
        var adaptation = await doses.CurrentAsync(person.Id, ct);
        return TypedResults.Ok(new SessionListJson(RequestValues.Day(from), RequestValues.Day(to), [.. list.Select(s => SessionJson.From(s, adaptation))]));
    }

    private static async Task<IResult> Doses(HttpContext context, SignedInPerson signedIn, ConsentRecords consents, DoseRecords doses, CancellationToken ct)
    {
        if (await MeApi.ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        var adaptation = await doses.CurrentAsync(person.Id, ct);
        return TypedResults.Ok(new DosesJson(
            [.. (adaptation?.Doses ?? []).Select(CurrentDoseJson.From)], adaptation?.Review?.Reason, adaptation?.Review?.RuleId));
    }

    /// <summary>The session in a request body, or null with every problem named by its field.</summary>
    public static NewSession? Read(JsonElement root, ExerciseCatalogue catalogue, DateOnly today, DateTimeOffset now, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(errors);
        DateOnly? date = null;
        DateTimeOffset? started = null, finished = null;
        int? painBefore = null, worst = null;
        List<NewExerciseLog>? exercises = null;
        List<NewSessionStop>? stops = null;
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in RequestValues.Once(root, Fields, errors, given))
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case "date": date = RequestValues.Date(value, name, errors); break;
                case "startedAt": started = RequestValues.Instant(value, name, errors); break;
                case "finishedAt": finished = value.ValueKind == JsonValueKind.Null ? null : RequestValues.Instant(value, name, errors); break;
                case "painBefore": painBefore = value.ValueKind == JsonValueKind.Null ? null : RequestValues.Whole(value, name, 0, 10, errors); break;
                case "worstPain": worst = value.ValueKind == JsonValueKind.Null ? null : RequestValues.Whole(value, name, 0, 10, errors); break;
                case "exercises": exercises = Exercises(value, catalogue, errors); break;
                case "stops": stops = value.ValueKind == JsonValueKind.Null ? null : Stops(value, catalogue, now, errors); break;
                default: JsonBody.RefuseUnknown(property, Fields, "a session", errors); break;
            }
        }
        if (!given.Contains("date"))
        {
            errors.Add("date", "date is required: the day of the session, YYYY-MM-DD.");
        }
        else if (date is { } day && (day > today.AddDays(1) || day < today.AddDays(-30)))
        {
            errors.Add("date", "date must be within the last 30 days, and not after today.");
        }
        if (!given.Contains("startedAt"))
        {
            errors.Add("startedAt", "startedAt is required: when the session started, like 2026-11-23T07:30:00Z.");
        }
        else if (started is { } start && start > now.AddMinutes(5))
        {
            errors.Add("startedAt", "startedAt must not be in the future.");
        }
        if (finished is { } end && started is { } begin && (end < begin || end - begin > TimeSpan.FromHours(6)))
        {
            errors.Add("finishedAt", "finishedAt must be after startedAt and within 6 hours of it.");
        }
        if (!given.Contains("exercises"))
        {
            errors.Add("exercises", "exercises is required: each exercise done, with exerciseId and completed at least.");
        }
        return errors.Any || date is null || started is null || exercises is null
            ? null
            : new NewSession(date.Value, started.Value, finished, painBefore, worst, exercises, stops);
    }

    private static List<NewSessionStop>? Stops(JsonElement value, ExerciseCatalogue catalogue, DateTimeOffset now, FieldErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() > MostStops)
        {
            errors.Add("stops", $"stops must be a list of at most {MostStops} reports made during the session.");
            return null;
        }
        var stops = new List<NewSessionStop>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"stops[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, $"{path} must be an object with symptom and at.");
                continue;
            }
            string? id = null;
            SessionSymptom? symptom = null;
            int? score = null;
            DateTimeOffset? at = null;
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in RequestValues.Once(item, StopFields, errors, given, path))
            {
                var field = $"{path}.{property.Name}";
                switch (property.Name)
                {
                    case "exerciseId":
                        if (property.Value.ValueKind == JsonValueKind.Null)
                        {
                            break;
                        }
                        id = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                        if (id is null || catalogue.Find(id) is null)
                        {
                            errors.Add(field, $"{field} must be the id of an exercise in the catalogue, or null between exercises.");
                        }
                        break;
                    case "symptom":
                        if (property.Value.ValueKind == JsonValueKind.String && ContentName.TryParse<SessionSymptom>(property.Value.GetString(), out var named))
                        {
                            symptom = named;
                        }
                        else
                        {
                            errors.Add(field, $"{field} must be one of {string.Join(", ", ContentName.All<SessionSymptom>())}.");
                        }
                        break;
                    case "painScore": score = property.Value.ValueKind == JsonValueKind.Null ? null : RequestValues.Whole(property.Value, field, 0, 10, errors); break;
                    case "at":
                        at = RequestValues.Instant(property.Value, field, errors);
                        if (at is { } when && when > now.AddMinutes(5))
                        {
                            errors.Add(field, $"{field} must not be in the future.");
                        }
                        break;
                    default:
                        errors.Add(field, $"'{FieldErrors.Clip(property.Name)}' is not a field of a report; use {string.Join(", ", StopFields)}.");
                        break;
                }
            }
            if (!given.Contains("symptom"))
            {
                errors.Add($"{path}.symptom", $"{path}.symptom is required: what was felt.");
            }
            if (!given.Contains("at"))
            {
                errors.Add($"{path}.at", $"{path}.at is required: when it was reported, like 2026-11-23T07:34:00Z.");
            }
            // Required when missing or null; a score given but out of range has its own error already.
            var scoreGiven = item.TryGetProperty("painScore", out var scoreValue) && scoreValue.ValueKind != JsonValueKind.Null;
            if (symptom == SessionSymptom.PainDuringExercise && !scoreGiven)
            {
                errors.Add($"{path}.painScore", $"{path}.painScore is required with painDuringExercise: how much it hurt, 0-10.");
            }
            if (symptom is { } s && at is { } t)
            {
                stops.Add(new NewSessionStop(id, s, score, t));
            }
        }
        return stops;
    }

    private static List<NewExerciseLog>? Exercises(JsonElement value, ExerciseCatalogue catalogue, FieldErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() is 0 or > MostExercises)
        {
            errors.Add("exercises", $"exercises must be a list of 1 to {MostExercises} exercises.");
            return null;
        }
        var logs = new List<NewExerciseLog>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"exercises[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path, $"{path} must be an object with exerciseId and completed.");
                continue;
            }
            string? id = null;
            bool? completed = null;
            string? feedback = null;
            int? pain = null;
            foreach (var property in item.EnumerateObject())
            {
                var field = $"{path}.{FieldErrors.Clip(property.Name)}";
                switch (property.Name)
                {
                    case "exerciseId":
                        id = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                        if (id is null || catalogue.Find(id) is null)
                        {
                            errors.Add(field, $"{field} must be the id of an exercise in the catalogue, like \"cat-cow\".");
                            id = null;
                        }
                        else if (!seen.Add(id))
                        {
                            errors.Add(field, $"'{id}' is listed twice; list each exercise once.");
                        }
                        break;
                    case "completed": completed = RequestValues.Flag(property.Value, field, errors); break;
                    case "feedback":
                        if (property.Value.ValueKind == JsonValueKind.Null)
                        {
                            break;
                        }
                        feedback = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                        if (feedback is null || !FeedbackWords.Contains(feedback, StringComparer.Ordinal))
                        {
                            errors.Add(field, $"{field} must be one of {string.Join(", ", FeedbackWords)}.");
                            feedback = null;
                        }
                        break;
                    case "worstPain": pain = property.Value.ValueKind == JsonValueKind.Null ? null : RequestValues.Whole(property.Value, field, 0, 10, errors); break;
                    default:
                        errors.Add(field, $"'{FieldErrors.Clip(property.Name)}' is not a field of an exercise in a session; use {string.Join(", ", ExerciseFields)}.");
                        break;
                }
            }
            if (!item.TryGetProperty("exerciseId", out _))
            {
                errors.Add($"{path}.exerciseId", $"{path}.exerciseId is required.");
            }
            if (!item.TryGetProperty("completed", out _))
            {
                errors.Add($"{path}.completed", $"{path}.completed is required: true when it was done to the end.");
            }
            if (feedback == "hurt" && pain is null)
            {
                errors.Add($"{path}.worstPain", $"{path}.worstPain is required with \"hurt\": how much it hurt, 0-10.");
            }
            if (id is not null && completed is { } done)
            {
                logs.Add(new NewExerciseLog(id, done, pain, feedback));
            }
        }
        return logs;
    }
}
