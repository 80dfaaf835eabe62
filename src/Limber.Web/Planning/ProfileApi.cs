using System.Globalization;
using System.Text.Json;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Hosting;

namespace Limber.Web.Planning;

/// <summary>What the day holds.</summary>
public enum DayActivity { Sitting, Running, Lifting, StandingWork }

public sealed record WorkHoursJson(string Start, string End);

public sealed record ActivityJson(string Name, int Score);

public sealed record RatedActivityJson(string Name, int Score, DateTimeOffset RatedAt);

/// <summary>The onboarding answers, as sent: the names are the catalogue's and the planner's camelCase values.</summary>
public sealed record ProfileRequestJson(
    IReadOnlyList<string>? TightAreas,
    IReadOnlyList<string>? Triggers,
    IReadOnlyList<string>? Day,
    int? SittingHoursPerDay,
    IReadOnlyList<string> Positions,
    IReadOnlyList<string>? Equipment,
    int MinutesPerSession,
    int SessionsPerDay,
    WorkHoursJson? WorkHours,
    int BaselinePain,
    int? MorningStiffnessMinutes,
    IReadOnlyList<ActivityJson> Activities,
    string? TimeZone);

/// <summary>The stored profile, with the latest rating of each activity and when it was given.</summary>
public sealed record ProfileJson(
    IReadOnlyList<string> TightAreas,
    IReadOnlyList<string> Triggers,
    IReadOnlyList<string> Day,
    int? SittingHoursPerDay,
    IReadOnlyList<string> Positions,
    IReadOnlyList<string> Equipment,
    int MinutesPerSession,
    int SessionsPerDay,
    WorkHoursJson? WorkHours,
    int BaselinePain,
    int? MorningStiffnessMinutes,
    IReadOnlyList<RatedActivityJson> Activities,
    string? TimeZone,
    DateTimeOffset UpdatedAt)
{
    public static ProfileJson From(StoredProfile stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var p = stored.Profile;
        return new(p.TightAreas, p.Triggers, p.DayActivities, p.SittingHoursPerDay, p.Positions, p.Equipment,
            p.MinutesPerSession, p.SessionsPerDay,
            p.WorkHoursStart is { } start && p.WorkHoursEnd is { } end ? new WorkHoursJson(ProfileAnswers.Clock(start), ProfileAnswers.Clock(end)) : null,
            p.BaselinePain, p.MorningStiffnessMinutes,
            [.. stored.Activities.Select(a => new RatedActivityJson(a.Name, a.Score, a.RecordedAt))],
            p.TimeZoneId, p.UpdatedAt);
    }
}

/// <summary>
/// The onboarding answers as read from a request or a form, before they are judged. One set of rules for the API and
/// the onboarding page: <see cref="Check"/> names each problem by its JSON path (<c>activities[2].score</c>).
/// </summary>
public sealed class ProfileAnswers
{
    public static readonly IReadOnlyList<int> SessionMinutes = [5, 10, 15, 20, 30];
    public const int MostSessionsPerDay = 6;
    public const int MostSittingHours = 24;
    public const int MostStiffnessMinutes = 600;
    public const int FewestActivities = 3;
    public const int MostActivities = 5;
    public const int LongestActivityName = 80;
    public const int LongestTimeZone = 64;

    public List<string> TightAreas { get; } = [];
    public List<string> Triggers { get; } = [];
    public List<string> Day { get; } = [];
    public int? SittingHoursPerDay { get; set; }
    public List<string> Positions { get; } = [];
    public List<string> Equipment { get; } = [];
    public int? MinutesPerSession { get; set; }
    public int? SessionsPerDay { get; set; }
    public TimeOnly? WorkStart { get; set; }
    public TimeOnly? WorkEnd { get; set; }
    public int? BaselinePain { get; set; }
    public int? MorningStiffnessMinutes { get; set; }

    /// <summary>Name and score; a null score is one not given.</summary>
    public List<(string Name, int? Score)> Activities { get; } = [];

    public string? TimeZone { get; set; }

    /// <summary>A time of day as the API and the page's time inputs write it: 09:00.</summary>
    public static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static bool TryParseClock(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>The answers of a stored profile, to edit.</summary>
    public static ProfileAnswers From(StoredProfile stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var p = stored.Profile;
        var answers = new ProfileAnswers
        {
            SittingHoursPerDay = p.SittingHoursPerDay,
            MinutesPerSession = p.MinutesPerSession,
            SessionsPerDay = p.SessionsPerDay,
            WorkStart = p.WorkHoursStart,
            WorkEnd = p.WorkHoursEnd,
            BaselinePain = p.BaselinePain,
            MorningStiffnessMinutes = p.MorningStiffnessMinutes,
            TimeZone = p.TimeZoneId,
        };
        answers.TightAreas.AddRange(p.TightAreas);
        answers.Triggers.AddRange(p.Triggers);
        answers.Day.AddRange(p.DayActivities);
        answers.Positions.AddRange(p.Positions);
        answers.Equipment.AddRange(p.Equipment);
        answers.Activities.AddRange(stored.Activities.Select(a => (a.Name, (int?)a.Score)));
        return answers;
    }

    /// <summary>
    /// Adds a problem for every answer that breaks the rules, named by its JSON path, and puts every list value in its
    /// canonical spelling. True when there was none.
    /// </summary>
    public bool Check(Action<string, string> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var before = 0;
        void Add(string field, string message)
        {
            before++;
            problem(field, message);
        }

        Names<BodyArea>(TightAreas, "tightAreas", "an area", Add);
        Names<Trigger>(Triggers, "triggers", "a time", Add);
        Names<DayActivity>(Day, "day", "an activity", Add);
        Names<PossiblePosition>(Positions, "positions", "a position", Add);
        Names<Domain.Catalogue.Equipment>(Equipment, "equipment", "equipment", Add);
        if (Positions.Count == 0)
        {
            Add("positions", "Choose at least one position you can exercise in: floor, kneeling, standing or chair.");
        }

        if (SittingHoursPerDay is < 0 or > MostSittingHours)
        {
            Add("sittingHoursPerDay", $"Hours sitting a day must be between 0 and {MostSittingHours}.");
        }
        if (MinutesPerSession is null)
        {
            Add("minutesPerSession", "Choose the minutes for each session: 5, 10, 15, 20 or 30.");
        }
        else if (!SessionMinutes.Contains(MinutesPerSession.Value))
        {
            Add("minutesPerSession", "Minutes for each session must be 5, 10, 15, 20 or 30.");
        }
        if (SessionsPerDay is null)
        {
            Add("sessionsPerDay", $"Say how many sessions a day suit you: 1 to {MostSessionsPerDay}.");
        }
        else if (SessionsPerDay is < 1 or > MostSessionsPerDay)
        {
            Add("sessionsPerDay", $"Sessions a day must be between 1 and {MostSessionsPerDay}.");
        }
        if (WorkStart is { } start && WorkEnd is { } end && start >= end)
        {
            Add("workHours.end", "Work hours must end after they start, on the same day.");
        }
        if (BaselinePain is null)
        {
            Add("baselinePain", "Say how your back feels today, from 0 (no pain) to 10 (the worst pain you can imagine).");
        }
        else if (BaselinePain is < 0 or > 10)
        {
            Add("baselinePain", "Pain today must be between 0 and 10.");
        }
        if (MorningStiffnessMinutes is < 0 or > MostStiffnessMinutes)
        {
            Add("morningStiffnessMinutes", $"Morning stiffness must be between 0 and {MostStiffnessMinutes} minutes.");
        }
        CheckActivities(Add);
        if (TimeZone is not null && !KnownTimeZone(TimeZone))
        {
            Add("timeZone", "The time zone must be an IANA time-zone id, e.g. Europe/London or America/New_York.");
        }
        return before == 0;
    }

    private void CheckActivities(Action<string, string> add)
    {
        if (Activities.Count is < FewestActivities or > MostActivities)
        {
            add("activities", $"Name {FewestActivities} to {MostActivities} everyday activities that are hard because of your back, each scored 0 to 10.");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Activities.Count; i++)
        {
            var (name, score) = Activities[i];
            name = name.Trim();
            Activities[i] = (name, score);
            if (name.Length == 0)
            {
                add($"activities[{i}].name", "Give the activity a name, e.g. putting on socks.");
            }
            else if (name.Length > LongestActivityName)
            {
                add($"activities[{i}].name", $"An activity's name is at most {LongestActivityName} characters.");
            }
            else if (name.Any(char.IsControl))
            {
                add($"activities[{i}].name", "An activity's name cannot hold control characters such as line breaks.");
            }
            else if (!seen.Add(name))
            {
                add($"activities[{i}].name", $"“{name}” is named twice; name each activity once.");
            }
            if (score is null)
            {
                add($"activities[{i}].score", "Score the activity from 0 (no trouble) to 10 (cannot do it).");
            }
            else if (score is < 0 or > 10)
            {
                add($"activities[{i}].score", "An activity's score must be between 0 and 10.");
            }
        }
    }

    private static void Names<T>(List<string> values, string field, string what, Action<string, string> add)
        where T : struct, Enum
    {
        var seen = new HashSet<T>();
        for (var i = 0; i < values.Count; i++)
        {
            if (!ContentName.TryParse<T>(values[i], out var value))
            {
                add($"{field}[{i}]", $"'{FieldErrors.Clip(values[i])}' is not {what} Limber knows; use {string.Join(", ", ContentName.All<T>())}.");
            }
            else if (!seen.Add(value))
            {
                add($"{field}[{i}]", $"{ContentName.Of(value)} is listed twice.");
            }
            else
            {
                values[i] = ContentName.Of(value);
            }
        }
    }

    private static bool KnownTimeZone(string id) =>
        id.Length is > 0 and <= LongestTimeZone
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')
        && !id.Contains("..", StringComparison.Ordinal)
        // Known to the tz database too, as reminders and the calendar feed need (not "localtime" or "posixrules").
        && Limber.Web.Reminders.ReminderInput.FindZone(id) is not null;

    /// <summary>The answers as a profile to store, once <see cref="Check"/> found nothing wrong.</summary>
    public (Profile Answers, IReadOnlyList<ActivityRating> Activities) ToStored() =>
        (new Profile
        {
            TightAreas = [.. TightAreas],
            Triggers = [.. Triggers],
            DayActivities = [.. Day],
            SittingHoursPerDay = SittingHoursPerDay,
            Positions = [.. Positions],
            Equipment = [.. Equipment],
            MinutesPerSession = MinutesPerSession ?? throw new InvalidOperationException("Check the answers first."),
            SessionsPerDay = SessionsPerDay ?? throw new InvalidOperationException("Check the answers first."),
            WorkHoursStart = WorkStart,
            WorkHoursEnd = WorkEnd,
            BaselinePain = BaselinePain ?? throw new InvalidOperationException("Check the answers first."),
            MorningStiffnessMinutes = MorningStiffnessMinutes,
            TimeZoneId = TimeZone,
        },
        [.. Activities.Select(a => new ActivityRating(a.Name, a.Score ?? throw new InvalidOperationException("Check the answers first.")))]);
}

/// <summary>
/// The onboarding profile of the signed-in person (issue 6), by bearer token only. It is health data: reading and
/// writing it need the health-data consent, and every query is by the person's own id.
/// </summary>
public static class ProfileApi
{
    private const string Title = "The profile cannot be saved";

    private static readonly string[] Fields =
    [
        "tightAreas", "triggers", "day", "sittingHoursPerDay", "positions", "equipment", "minutesPerSession",
        "sessionsPerDay", "workHours", "baselinePain", "morningStiffnessMinutes", "activities", "timeZone",
    ];

    public static IEndpointRouteBuilder MapProfileApi(this IEndpointRouteBuilder app)
    {
        var profile = app.MapGroup("/api/v1/me/profile").WithTags("Your data").RequireAuthorization(AccountRegistration.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        profile.MapGet("", Get).WithName("GetProfile")
            .WithSummary("The onboarding profile: where and when it feels tight, the day, positions, equipment, session length, pain today and 3-5 rated activities")
            .Produces<ProfileJson>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        profile.MapPut("", Put).WithName("PutProfile")
            .WithSummary("Create or replace the onboarding profile; an activity's rating is kept as history when its score changes")
            .Accepts<ProfileRequestJson>("application/json")
            .Produces<ProfileJson>()
            .Produces<ProfileJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> Get(HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ProfileRecords profiles, CancellationToken ct)
    {
        if (await MeApi.ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        return await profiles.FindAsync(person.Id, ct) is { } stored
            ? TypedResults.Ok(ProfileJson.From(stored))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No profile yet",
                detail: "No profile yet: send PUT /api/v1/me/profile with your answers.");
    }

    private static async Task<IResult> Put(HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ProfileRecords profiles, CancellationToken ct)
    {
        if (await MeApi.ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, Title,
            "the onboarding answers: positions, minutesPerSession, sessionsPerDay, baselinePain and activities at least", ct);
        if (document is null)
        {
            return bad!;
        }

        ProfileAnswers answers;
        var errors = new FieldErrors();
        using (document)
        {
            answers = Read(document.RootElement, errors);
        }
        if (errors.Any)
        {
            return errors.ToProblem(Title);
        }
        if (!answers.Check(errors.Add))
        {
            return errors.ToProblem(Title);
        }

        var (profile, activities) = answers.ToStored();
        var (stored, created) = await profiles.SaveAsync(person.Id, profile, activities, ct);
        var json = ProfileJson.From(stored);
        return created ? TypedResults.Created("/api/v1/me/profile", json) : TypedResults.Ok(json);
    }

    /// <summary>The answers in a request body; each value of the wrong type or shape is a problem under its path.</summary>
    public static ProfileAnswers Read(JsonElement root, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var answers = new ProfileAnswers();
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in RequestValues.Once(root, Fields, errors, given))
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case "tightAreas": Strings(value, name, answers.TightAreas, errors); break;
                case "triggers": Strings(value, name, answers.Triggers, errors); break;
                case "day": Strings(value, name, answers.Day, errors); break;
                case "positions": Strings(value, name, answers.Positions, errors); break;
                case "equipment": Strings(value, name, answers.Equipment, errors); break;
                case "sittingHoursPerDay": answers.SittingHoursPerDay = Whole(value, name, errors); break;
                case "minutesPerSession": answers.MinutesPerSession = Whole(value, name, errors); break;
                case "sessionsPerDay": answers.SessionsPerDay = Whole(value, name, errors); break;
                case "baselinePain": answers.BaselinePain = Whole(value, name, errors); break;
                case "morningStiffnessMinutes": answers.MorningStiffnessMinutes = Whole(value, name, errors); break;
                case "workHours": WorkHours(value, answers, errors); break;
                case "activities": Activities(value, answers, errors); break;
                case "timeZone":
                    answers.TimeZone = JsonBody.Text(property, errors);
                    break;
                default:
                    JsonBody.RefuseUnknown(property, Fields, "a profile", errors);
                    break;
            }
        }
        foreach (var (field, what) in new[]
        {
            ("positions", "a list of the positions you can exercise in"),
            ("minutesPerSession", "5, 10, 15, 20 or 30"),
            ("sessionsPerDay", $"1 to {ProfileAnswers.MostSessionsPerDay}"),
            ("baselinePain", "0 to 10"),
            ("activities", $"{ProfileAnswers.FewestActivities} to {ProfileAnswers.MostActivities} items {{\"name\", \"score\"}}"),
        })
        {
            if (!given.Contains(field))
            {
                errors.Add(field, $"{field} is missing: {what}.");
            }
        }
        return answers;
    }

    private static void Strings(JsonElement value, string field, List<string> into, FieldErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, $"{field} must be a list of names, e.g. [\"{field switch
            {
                "tightAreas" => ContentName.All<BodyArea>()[0],
                "triggers" => ContentName.All<Trigger>()[0],
                "day" => ContentName.All<DayActivity>()[0],
                "positions" => ContentName.All<PossiblePosition>()[0],
                _ => ContentName.All<Equipment>()[0],
            }}\"].");
            return;
        }
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                into.Add(item.GetString()!);
            }
            else
            {
                errors.Add($"{field}[{i}]", $"{field}[{i}] must be a name in quotes.");
            }
            i++;
        }
    }

    private static int? Whole(JsonElement value, string field, FieldErrors errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number when value.TryGetInt32(out var number):
                return number;
            default:
                errors.Add(field, $"{field} must be a whole number.");
                return null;
        }
    }

    private static void WorkHours(JsonElement value, ProfileAnswers answers, FieldErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add("workHours", "workHours must be {\"start\": \"09:00\", \"end\": \"17:30\"} or null.");
            return;
        }
        string? start = null, end = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "start": start = Clock(property, "workHours.start", errors, answers, isStart: true); break;
                case "end": end = Clock(property, "workHours.end", errors, answers, isStart: false); break;
                default:
                    errors.Add($"workHours.{FieldErrors.Clip(property.Name)}",
                        $"'{FieldErrors.Clip(property.Name)}' is not a field of workHours; use start, end.");
                    break;
            }
        }
        if (start is null)
        {
            errors.Add("workHours.start", "workHours.start is missing: a time such as \"09:00\".");
        }
        if (end is null)
        {
            errors.Add("workHours.end", "workHours.end is missing: a time such as \"17:30\".");
        }
    }

    private static string? Clock(JsonProperty property, string field, FieldErrors errors, ProfileAnswers answers, bool isStart)
    {
        if (property.Value.ValueKind == JsonValueKind.String && ProfileAnswers.TryParseClock(property.Value.GetString(), out var time))
        {
            if (isStart)
            {
                answers.WorkStart = time;
            }
            else
            {
                answers.WorkEnd = time;
            }
            return property.Value.GetString();
        }
        errors.Add(field, $"{field} must be a time of day as hours and minutes, e.g. \"{(isStart ? "09:00" : "17:30")}\".");
        return "";
    }

    private static void Activities(JsonElement value, ProfileAnswers answers, FieldErrors errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add("activities", $"activities must be a list of {ProfileAnswers.FewestActivities} to {ProfileAnswers.MostActivities} items {{\"name\": \"Putting on socks\", \"score\": 6}}.");
            return;
        }
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"activities[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(at, $"{at} must be an object {{\"name\": \"Putting on socks\", \"score\": 6}}.");
                answers.Activities.Add(("", 0));
                continue;
            }
            string? name = null;
            int? score = null;
            var fields = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in item.EnumerateObject())
            {
                if (property.Name is "name" or "score" && !fields.Add(property.Name))
                {
                    errors.Add($"{at}.{property.Name}", $"{at}.{property.Name} is given twice; send it once.");
                    continue;
                }
                switch (property.Name)
                {
                    case "name":
                        if (property.Value.ValueKind == JsonValueKind.String)
                        {
                            name = property.Value.GetString();
                        }
                        else
                        {
                            errors.Add($"{at}.name", $"{at}.name must be text.");
                        }
                        break;
                    case "score":
                        score = Whole(property.Value, $"{at}.score", errors);
                        break;
                    default:
                        errors.Add($"{at}.{FieldErrors.Clip(property.Name)}",
                            $"'{FieldErrors.Clip(property.Name)}' is not a field of an activity; use name, score.");
                        break;
                }
            }
            if (!fields.Contains("name"))
            {
                errors.Add($"{at}.name", $"{at}.name is missing.");
            }
            if (!fields.Contains("score"))
            {
                errors.Add($"{at}.score", $"{at}.score is missing: 0 to 10.");
            }
            answers.Activities.Add((name ?? "", score));
        }
    }
}
