using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Limber.Domain.Sessions;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Illustration;
using Limber.Web.Planning;

namespace Limber.Web.Sessions;

/// <param name="Kind">get-ready, hold, reps, rest, switch-side or transition.</param>
/// <param name="Side">right or left for a one-sided exercise; null otherwise.</param>
public sealed record TimelineStepJson(string Kind, int Seconds, string ExerciseId, string? Side, int? Set, int? Rep, string Text, string? Cue);

/// <summary>An easier variant the player can swap to, with its own steps.</summary>
public sealed record EasierJson(
    string Id, string Name, string DoseText, int Sets, int Reps, bool PerSide, string Figure, string? FigureLeft, int Seconds,
    IReadOnlyList<TimelineStepJson> Steps);

/// <param name="CoachNote">In coaching mode, the coach's note for this exercise; left out otherwise.</param>
public sealed record TimelineExerciseJson(
    string Id, string Name, string Part, string DoseText, int Sets, int Reps, bool PerSide, string Figure, string? FigureLeft, EasierJson? Easier,
    string? CoachNote = null);

/// <summary>What the player offers under "this hurts", and what it does at once (safety.md section 4).</summary>
public sealed record StopChoiceJson(string Symptom, string Label, string RuleId, string Action, string Message);

/// <summary>What pain of each score during an exercise means.</summary>
public sealed record PainDuringJson(int Score, string RuleId, string Action, string Message);

/// <summary>A session as the player plays it.</summary>
/// <param name="Coach">In coaching mode, the coach's program the session comes from; left out while Limber plans it.</param>
public sealed record TimelineJson(
    string Date,
    int Session,
    int TotalSeconds,
    IReadOnlyList<TimelineStepJson> Steps,
    IReadOnlyList<TimelineExerciseJson> Exercises,
    IReadOnlyList<StopChoiceJson> StopChoices,
    IReadOnlyList<PainDuringJson> PainDuring,
    string RecheckUrl,
    Limber.Web.Coaching.CoachProgramSummaryJson? Coach = null);

/// <summary>
/// The day's session as steps for the player: the routine, planned only with a safety decision like every routine, each
/// exercise's easier variant, and what each answer to "this hurts" does. Health data: consent (403), onboarding and the
/// gate (409) as for the routine.
/// </summary>
public static class TimelineApi
{
    /// <summary>What the person picks from under "this hurts", in the order shown: the most serious first.</summary>
    public static IReadOnlyList<(SessionSymptom Symptom, string Label)> Choices { get; } =
    [
        (SessionSymptom.EmergencySymptom, "Numbness around my genitals or bottom, or a new change in my bladder or bowel control"),
        (SessionSymptom.ChestPainFaintingOrBreathless, "Chest pain, feeling faint, or more out of breath than the effort explains"),
        (SessionSymptom.NumbnessBothLegsOrSaddle, "New numbness, pins and needles or weakness in both legs"),
        (SessionSymptom.SpreadingPainBothLegs, "Pain spreading into both legs"),
        (SessionSymptom.NumbnessOneLeg, "New numbness, pins and needles or weakness in one leg"),
        (SessionSymptom.SpreadingPainOneLeg, "Pain spreading into my buttock or one leg"),
        (SessionSymptom.SharpPain, "Sharp, stabbing or electric pain, not the pull of a stretch"),
    ];

    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/me").WithTags("Your routine").RequireAuthorization(AccountRegistration.ApiPolicy)
            .MapGet("/routine/timeline", Timeline).WithName("GetRoutineTimeline")
            .WithSummary("The session of a day (date=YYYY-MM-DD, today by default) as the steps the player plays, with each exercise's easier "
                + "variant and what each answer to \"this hurts\" does")
            .Produces<TimelineJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> Timeline(
        HttpContext context, SignedInPerson signedIn, PersonalPlans plans, SessionRecords sessions, ExerciseCatalogue catalogue, TimeProvider time,
        Limber.Web.Coaching.CoachPrograms coaching, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        if (RoutineApi.DateQuery(context.Request.Query, "The session cannot be planned") is var (date, bad) && bad is not null)
        {
            return bad;
        }
        var plan = await plans.LoadAsync(person.Id, ct);
        if (RoutineApi.Blocked(plan) is { } refusal)
        {
            return refusal;
        }
        var day = date ?? plan.Today;
        if (day > plan.Today && await plans.DueOnAsync(person.Id, plan, day, ct) is { Scope: not ScreenScope.None } due)
        {
            // The player keeps the next days' sessions for offline use; none may be played past the day the questions are due.
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not yet",
                detail: $"On {RequestValues.Day(day)} the warning-sign questions come first. {due.Reason}");
        }
        var planned = plans.Routine(plan, day);
        if (planned.Routine is not { } routine)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to play", detail: planned.Message);
        }
        var timeline = SessionTimeline.Build(routine, catalogue, plan.Profile!, plan.Doses);
        var sharp = await sessions.SharpPainsBeforeAsync(person.Id, time.GetUtcNow(), ct);
        var coach = Limber.Web.Coaching.CoachProgramSummaryJson.From(await coaching.SummaryAsync(person.Id, plan.Coach, ct));
        var notes = routine.Items.Where(i => i.CoachNote is not null).ToDictionary(i => i.ExerciseId, i => i.CoachNote!, StringComparer.Ordinal);
        var json = From(timeline, sharp);
        return TypedResults.Ok(json with { Coach = coach, Exercises = WithNotes(json.Exercises, notes) });
    }

    /// <summary>The exercises with the coach's note of each that has one.</summary>
    private static TimelineExerciseJson[] WithNotes(IReadOnlyList<TimelineExerciseJson> exercises, Dictionary<string, string> notes) =>
        [.. exercises.Select(e => notes.TryGetValue(e.Id, out var note) ? e with { CoachNote = note } : e)];

    /// <param name="sharpPainsInLast7Days">Sharp pains already reported in the last 7 days: the next one may give routine.</param>
    public static TimelineJson From(SessionTimeline timeline, int sharpPainsInLast7Days)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return new(
            RequestValues.Day(timeline.Date),
            timeline.Session,
            timeline.TotalSeconds,
            [.. timeline.Steps.Select(Step)],
            [.. timeline.Exercises.Select(e => new TimelineExerciseJson(
                e.Planned.Exercise.Id, e.Planned.Exercise.Name, ContentName.Of(e.Part), e.Planned.Dose.Describe(),
                e.Planned.Dose.Sets ?? 1, e.Planned.Dose.Reps ?? 1, e.Planned.Dose.PerSide,
                FigureEndpoints.Url(e.Planned.Exercise.Id), e.Planned.Dose.PerSide ? FigureEndpoints.Url(e.Planned.Exercise.Id, left: true) : null,
                e.Easier is { } easier ? Easier(easier) : null))],
            [.. Choices.Select(c => Choice(c.Symptom, c.Label, StopRules.Decide(new SessionReport(c.Symptom, null, sharpPainsInLast7Days))))],
            [.. Enumerable.Range(0, 11).Select(score => Pain(score, StopRules.Decide(new SessionReport(SessionSymptom.PainDuringExercise, score))))],
            "/screen/recheck");
    }

    private static StopChoiceJson Choice(SessionSymptom symptom, string label, StopDecision d) =>
        new(ContentName.Of(symptom), label, d.RuleId, ContentName.Of(d.Action), d.Message);

    private static PainDuringJson Pain(int score, StopDecision d) => new(score, d.RuleId, ContentName.Of(d.Action), d.Message);

    private static EasierJson Easier(ExerciseSteps easier) => new(
        easier.Exercise.Id, easier.Exercise.Name, easier.Dose.Describe(), easier.Dose.Sets ?? 1, easier.Dose.Reps ?? 1, easier.Dose.PerSide,
        FigureEndpoints.Url(easier.Exercise.Id), easier.Dose.PerSide ? FigureEndpoints.Url(easier.Exercise.Id, left: true) : null,
        easier.Seconds, [.. easier.Steps.Select(Step)]);

    private static TimelineStepJson Step(TimelineStep s) => new(
        Kind(s.Kind), s.Seconds, s.ExerciseId,
        s.Side switch { StepSide.Right => "right", StepSide.Left => "left", null => null },
        s.Set, s.Rep, s.Text, s.Cue);

    public static string Kind(StepKind kind) => kind switch
    {
        StepKind.GetReady => "get-ready",
        StepKind.Hold => "hold",
        StepKind.Reps => "reps",
        StepKind.Rest => "rest",
        StepKind.SwitchSide => "switch-side",
        StepKind.Transition => "transition",
    };
}
