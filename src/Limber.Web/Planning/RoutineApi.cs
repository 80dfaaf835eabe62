using System.Globalization;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Web.Accounts;
using Limber.Web.Catalogue;
using Limber.Web.Coaching;
using Limber.Web.Hosting;

namespace Limber.Web.Planning;

/// <param name="DoseOrigin">catalogueDefault, or current: the person's own dose from their feedback (GET /api/v1/me/doses says why).</param>
/// <param name="CoachNote">In coaching mode, the coach's note for this exercise; left out otherwise.</param>
public sealed record RoutineItemJson(
    string ExerciseId, string Name, string Part, DoseJson Dose, string DoseText, int Seconds, string Reason, string DoseOrigin, string? CoachNote = null);

/// <summary>One day's routine: its exercises in order, the total time and how it fits the minutes chosen.</summary>
/// <param name="Coach">In coaching mode, the coach's program the routine comes from; left out while Limber plans it.</param>
public sealed record RoutineJson(
    string Date, int TotalSeconds, int TargetMinutes, string Fit, bool GentleOptionsOnly, IReadOnlyList<string> Notes,
    IReadOnlyList<RoutineItemJson> Items, string? Message, CoachProgramSummaryJson? Coach = null)
{
    public static RoutineJson From(RoutinePlan plan, DateOnly date, Func<string, Exercise?> find, CoachProgramSummaryJson? coach = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(find);
        if (plan.Routine is not { } routine)
        {
            return new(Day(date), 0, 0, ContentName.Of(TimeFit.Shorter), false, [], [], plan.Message, coach);
        }
        return new(
            Day(routine.Date), routine.TotalSeconds, routine.TargetMinutes, ContentName.Of(routine.Fit), routine.GentleOptionsOnly, routine.Notes,
            [.. routine.Items.Select(i => Item(i, find))],
            string.IsNullOrEmpty(plan.Message) ? null : plan.Message, coach);
    }

    public static string Day(DateOnly date) => RequestValues.Day(date);

    public static RoutineItemJson Item(PlannedExercise i, Func<string, Exercise?> find)
    {
        ArgumentNullException.ThrowIfNull(i);
        ArgumentNullException.ThrowIfNull(find);
        return new(i.ExerciseId, find(i.ExerciseId)?.Name ?? i.ExerciseId, ContentName.Of(i.Part), DoseJson.From(i.Dose), i.Dose.Describe(), i.Seconds, i.Reason,
            ContentName.Of(i.Origin), i.CoachNote);
    }
}

public sealed record DeskBreakJson(string At, int TotalSeconds, IReadOnlyList<RoutineItemJson> Items);

/// <summary>The day's desk breaks: one to three chair or standing exercises each, 1-3 minutes, spread over the working hours.</summary>
public sealed record DeskBreaksJson(string Date, IReadOnlyList<DeskBreakJson> Breaks, string Message);

public sealed record ProgramDayJson(string Date, int TotalSeconds, IReadOnlyList<string> ExerciseIds);

public sealed record ProgramWeekJson(int Number, string Stage, string Focus, string Starts, string Ends, IReadOnlyList<ProgramDayJson> Days);

/// <summary>The six weeks, in stages, and where the person is today.</summary>
/// <param name="Coach">
/// In coaching mode, the coach's program the daily routine comes from (GET /api/v1/me/routine lists its exercises); left
/// out while Limber plans the routine. DELETE /api/v1/me/program/coach goes back to Limber's own plan.
/// </param>
public sealed record ProgramJson(
    string Start, string Today, string Status, int? CurrentWeek, int? CurrentDay, string? CurrentStage, IReadOnlyList<ProgramWeekJson> Weeks,
    CoachProgramSummaryJson? Coach = null)
{
    public static ProgramJson From(SixWeekProgram program, CoachProgramSummaryJson? coach = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        return new(
            RoutineJson.Day(program.Start), RoutineJson.Day(program.Today), ContentName.Of(program.Status), program.CurrentWeek, program.CurrentDay,
            program.CurrentStage is { } stage ? ContentName.Of(stage) : null,
            [.. program.Weeks.Select(w => new ProgramWeekJson(w.Number, ContentName.Of(w.Stage), w.Focus, RoutineJson.Day(w.Starts), RoutineJson.Day(w.Ends),
                [.. w.Days.Select(d => new ProgramDayJson(RoutineJson.Day(d.Date), d.Routine.Routine?.TotalSeconds ?? 0,
                    [.. d.Routine.Routine?.Items.Select(i => i.ExerciseId) ?? []]))]))], coach);
    }
}

/// <summary>
/// The person's routine of a day and their six-week program. Health data, so it needs the consent (403); it needs
/// the onboarding answers and a safety decision that allows routines, else 409 saying what comes first.
/// </summary>
public static class RoutineApi
{
    private const string NotYet = "No routine yet";

    public static IEndpointRouteBuilder MapRoutineApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Your routine").RequireAuthorization(AccountRegistration.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        me.MapGet("/routine", Routine).WithName("GetRoutine")
            .WithSummary("The routine of a day (date=YYYY-MM-DD, today by default): exercises, doses, seconds and why each was chosen")
            .Produces<RoutineJson>()
            .ProducesValidationProblem();
        me.MapGet("/desk-breaks", DeskBreaks).WithName("GetDeskBreaks")
            .WithSummary("The desk breaks of a day (date=YYYY-MM-DD, today by default): 1-3 minutes of chair or standing exercises, spread over your working hours")
            .Produces<DeskBreaksJson>()
            .ProducesValidationProblem();
        me.MapGet("/program", Program).WithName("GetProgram")
            .WithSummary("The six-week program in stages, and where you are in it")
            .Produces<ProgramJson>();
        return app;
    }

    private static async Task<IResult> Routine(
        HttpContext context, SignedInPerson signedIn, PersonalPlans plans, Limber.Web.Coaching.CoachPrograms coaching, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        if (DateQuery(context.Request.Query, "The routine cannot be planned") is var (date, bad) && bad is not null)
        {
            return bad;
        }
        var plan = await plans.LoadAsync(person.Id, ct);
        if (Blocked(plan) is { } refusal)
        {
            return refusal;
        }
        var day = date ?? plan.Today;
        var coach = CoachProgramSummaryJson.From(await coaching.SummaryAsync(person.Id, plan.Coach, ct));
        return TypedResults.Ok(RoutineJson.From(plans.Routine(plan, day), day, plans.Exercise, coach));
    }

    private static async Task<IResult> DeskBreaks(HttpContext context, SignedInPerson signedIn, PersonalPlans plans, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        if (DateQuery(context.Request.Query, "The desk breaks cannot be planned") is var (date, bad) && bad is not null)
        {
            return bad;
        }
        var plan = await plans.LoadAsync(person.Id, ct);
        if (Blocked(plan) is { } refusal)
        {
            return refusal;
        }
        var day = date ?? plan.Today;
        var (breaks, times) = plans.DeskBreaks(plan, day);
        return TypedResults.Ok(new DeskBreaksJson(RoutineJson.Day(day),
            [.. breaks.Breaks.Select((b, i) => new DeskBreakJson(times[i].ToString("HH:mm", CultureInfo.InvariantCulture), b.TotalSeconds,
                [.. b.Items.Select(item => RoutineJson.Item(item, plans.Exercise))]))],
            breaks.Message));
    }

    /// <summary>The optional date=YYYY-MM-DD of a day query, or the answer to give instead.</summary>
    internal static (DateOnly? Date, IResult? Refusal) DateQuery(IQueryCollection query, string title)
    {
        foreach (var key in query.Keys.Where(k => k != "date"))
        {
            return (null, FieldErrors.One(title, FieldErrors.Clip(key), $"'{FieldErrors.Clip(key)}' is not a parameter here; use date."));
        }
        if (!query.TryGetValue("date", out var text))
        {
            return (null, null);
        }
        return text.Count != 1 || !RequestValues.TryDay(text[0], out var parsed)
            ? (null, FieldErrors.One(title, "date", "date must be one day written YYYY-MM-DD, like 2026-11-23."))
            : (parsed, null);
    }

    private static async Task<IResult> Program(
        HttpContext context, SignedInPerson signedIn, PersonalPlans plans, Limber.Web.Coaching.CoachPrograms coaching, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        var plan = await plans.LoadAsync(person.Id, ct);
        return Blocked(plan) is { } refusal
            ? refusal
            : TypedResults.Ok(ProgramJson.From(plans.Program(plan), CoachProgramSummaryJson.From(await coaching.SummaryAsync(person.Id, plan.Coach, ct))));
    }

    internal static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Blocked(PlanContext plan) => plan.Block is not { } block ? null : block switch
    {
        PlanBlock.NoConsent => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: MeApi.ConsentNeededTitle,
            detail: plan.Reason + " Give it with POST /api/v1/me/consents/health-data (or on the account page)."),
        PlanBlock.NoProfile => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: NotYet,
            detail: plan.Reason + " Send them with PUT /api/v1/me/profile (or on the onboarding page)."),
        PlanBlock.Gate => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: NotYet, detail: plan.Reason),
        PlanBlock.Rescreen => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: NotYet,
            detail: plan.Reason + (plan.Due?.Scope == Limber.Domain.Safety.ScreenScope.EmergencyItems
                ? " Answer them with POST /api/v1/me/screens/recheck (or on the page /screen/recheck)."
                : " Answer them with POST /api/v1/me/screens (or on the page /screen).")),
    };
}
