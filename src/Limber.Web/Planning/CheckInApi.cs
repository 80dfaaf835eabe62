using System.Text.Json;
using Limber.Domain.Catalogue;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Hosting;
using Limber.Web.Safety;

namespace Limber.Web.Planning;

/// <summary>A daily check-in as sent.</summary>
public sealed record CheckInRequestJson(
    string? Date,
    int PainNow,
    int? Stiffness,
    int? MorningStiffnessMinutes,
    IReadOnlyList<string>? WhereFelt,
    bool LegSymptoms,
    bool Numbness,
    bool BladderOrBowelChange,
    IReadOnlyList<string>? WhatHelped,
    string? Note);

/// <summary>Whether the warning-sign questions are due again now, and where to answer them.</summary>
public sealed record ScreenDueJson(string Scope, IReadOnlyList<string> RuleIds, string Reason, string? Answer)
{
    public static ScreenDueJson From(ScreenDue due)
    {
        ArgumentNullException.ThrowIfNull(due);
        return new(ContentName.Of(due.Scope), due.RuleIds, due.Reason, due.Scope switch
        {
            ScreenScope.None => null,
            ScreenScope.EmergencyItems => "/screen/recheck",
            ScreenScope.FullScreen => "/screen",
        });
    }
}

public sealed record CheckInJson(
    Guid Id,
    string Date,
    DateTimeOffset RecordedAt,
    int PainNow,
    int? Stiffness,
    int? MorningStiffnessMinutes,
    IReadOnlyList<string> WhereFelt,
    bool LegSymptoms,
    bool Numbness,
    bool BladderOrBowelChange,
    IReadOnlyList<string> WhatHelped,
    string? Note)
{
    public static CheckInJson From(CheckIn c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, RequestValues.Day(c.Date), c.RecordedAt, c.PainNow, c.Stiffness, c.MorningStiffnessMinutes, c.WhereFelt,
            c.LegSymptoms, c.Numbness, c.BladderOrBowelChange, c.WhatHelped, c.Note);
    }
}

/// <summary>A stored check-in and what it means for the screen (safety.md section 3).</summary>
public sealed record StoredCheckInJson(CheckInJson CheckIn, ScreenDueJson ScreenDue);

public sealed record CheckInListJson(string From, string To, IReadOnlyList<CheckInJson> CheckIns);

/// <summary>
/// The daily check-in: how the back is today, and the signs that make the warning-sign questions run again at once
/// (safety.md section 3). One a day: checking in again the same day replaces it.
/// </summary>
public static class CheckInApi
{
    private const string Title = "The check-in could not be stored";
    public const int LongestNote = 1000;
    public const int MostStiffnessMinutes = 600;
    public const int DaysBack = 7;

    /// <summary>What was done for the back, in the order the page offers them.</summary>
    public static readonly IReadOnlyList<string> SelfCare =
        ["heat", "ice", "walk", "swim", "yoga", "foamRoller", "massage", "lumbarRoll", "sleepingPosition"];

    private static readonly string[] Fields =
        ["date", "painNow", "stiffness", "morningStiffnessMinutes", "whereFelt", "legSymptoms", "numbness", "bladderOrBowelChange", "whatHelped", "note"];

    public static IEndpointRouteBuilder MapCheckInApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Check-ins").RequireAuthorization(AccountRegistration.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        me.MapPost("/checkins", Store).WithName("StoreCheckIn")
            .WithSummary("Store today's check-in (one a day; again the same day replaces it) and say whether the warning-sign questions are due now")
            .Accepts<CheckInRequestJson>("application/json")
            .Produces<StoredCheckInJson>(StatusCodes.Status201Created)
            .Produces<StoredCheckInJson>()
            .ProducesValidationProblem();
        me.MapGet("/checkins", List).WithName("ListCheckIns")
            .WithSummary("Check-ins from one day to another (from, to: YYYY-MM-DD; the last 30 days by default), oldest first")
            .Produces<CheckInListJson>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> Store(
        HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ProfileRecords profiles, CheckInRecords checkIns,
        ScreenDueReader screenDue, TimeProvider time, CancellationToken ct)
    {
        if (await MeApi.ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, Title,
            "painNow, legSymptoms, numbness and bladderOrBowelChange at least", ct);
        if (document is null)
        {
            return bad!;
        }
        var profile = (await profiles.FindAsync(person.Id, ct))?.Profile;
        var today = PersonalDate.Today(time, profile?.TimeZoneId);
        var errors = new FieldErrors();
        NewCheckIn? checkIn;
        using (document)
        {
            checkIn = Read(document.RootElement, today, errors);
        }
        if (checkIn is null || errors.Any)
        {
            return errors.ToProblem(Title);
        }
        var (stored, created) = await checkIns.StoreAsync(person.Id, checkIn, ct);
        var due = await screenDue.DueAsync(person.Id, today, profile?.TimeZoneId, profile?.BaselinePain ?? 0, ct);
        var json = new StoredCheckInJson(CheckInJson.From(stored), ScreenDueJson.From(due));
        var at = $"/api/v1/me/checkins?from={RequestValues.Day(stored.Date)}&to={RequestValues.Day(stored.Date)}";
        return created ? TypedResults.Created(at, json) : TypedResults.Ok(json);
    }

    private static async Task<IResult> List(
        HttpContext context, SignedInPerson signedIn, ConsentRecords consents, ProfileRecords profiles, CheckInRecords checkIns,
        TimeProvider time, CancellationToken ct)
    {
        if (await MeApi.ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        var today = PersonalDate.Today(time, (await profiles.FindAsync(person.Id, ct))?.Profile.TimeZoneId);
        var (from, to, bad) = RequestValues.Range(context.Request.Query, today, 30, "The check-ins cannot be listed");
        if (bad is not null)
        {
            return bad;
        }
        var list = await checkIns.ListAsync(person.Id, from, to, ct);
        return TypedResults.Ok(new CheckInListJson(RequestValues.Day(from), RequestValues.Day(to), [.. list.Select(CheckInJson.From)]));
    }

    /// <summary>The check-in in a request body, or null with every problem named by its field.</summary>
    public static NewCheckIn? Read(JsonElement root, DateOnly today, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        DateOnly? date = today;
        int? pain = null, stiffness = null, minutes = null;
        bool? leg = null, numb = null, bladder = null;
        List<string> where = [], helped = [];
        string? note = null;
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in RequestValues.Once(root, Fields, errors, given))
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case "date": date = value.ValueKind == JsonValueKind.Null ? today : RequestValues.Date(value, name, errors); break;
                case "painNow": pain = RequestValues.Whole(value, name, 0, 10, errors); break;
                case "stiffness": stiffness = value.ValueKind == JsonValueKind.Null ? null : RequestValues.Whole(value, name, 0, 10, errors); break;
                case "morningStiffnessMinutes":
                    minutes = value.ValueKind == JsonValueKind.Null ? null : RequestValues.Whole(value, name, 0, MostStiffnessMinutes, errors);
                    break;
                case "whereFelt":
                    where = value.ValueKind == JsonValueKind.Null ? [] : RequestValues.Names(value, name, ContentName.All<BodyArea>(), 10, errors);
                    break;
                case "whatHelped":
                    helped = value.ValueKind == JsonValueKind.Null ? [] : RequestValues.Names(value, name, SelfCare, SelfCare.Count, errors);
                    break;
                case "legSymptoms": leg = RequestValues.Flag(value, name, errors); break;
                case "numbness": numb = RequestValues.Flag(value, name, errors); break;
                case "bladderOrBowelChange": bladder = RequestValues.Flag(value, name, errors); break;
                case "note": note = RequestValues.Text(value, name, LongestNote, errors); break;
                default: JsonBody.RefuseUnknown(property, Fields, "a check-in", errors); break;
            }
        }
        foreach (var (field, what) in new[]
        {
            ("painNow", "pain now, 0-10"),
            ("legSymptoms", "true when you have pain, tingling or weakness going down a leg"),
            ("numbness", "true when you have numbness or tingling"),
            ("bladderOrBowelChange", "true when your bladder or bowel control has changed"),
        })
        {
            if (!given.Contains(field))
            {
                errors.Add(field, $"{field} is required: {what}.");
            }
        }
        if (date is { } day && (day > today || day < today.AddDays(-DaysBack)))
        {
            errors.Add("date", $"date must be today or one of the {DaysBack} days before it.");
        }
        return errors.Any || date is null || pain is null || leg is null || numb is null || bladder is null
            ? null
            : new NewCheckIn(date.Value, pain.Value, stiffness, minutes, where, helped, leg.Value, numb.Value, bladder.Value, note);
    }
}
