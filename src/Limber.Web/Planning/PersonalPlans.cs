using Limber.Domain.Catalogue;
using Limber.Domain.Coaching;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Safety;

namespace Limber.Web.Planning;

/// <summary>Why there is no plan to show yet.</summary>
public enum PlanBlock
{
    /// <summary>Health data may not be read: consent is needed.</summary>
    NoConsent,

    /// <summary>The onboarding questions are not answered yet.</summary>
    NoProfile,

    /// <summary>The routine gate holds routines back: no screen yet, or an urgent or emergency outcome not confirmed.</summary>
    Gate,

    /// <summary>
    /// The screen is due again (safety.md section 3): the weekly emergency questions, or a check-in that noted a
    /// warning sign. <see cref="PlanContext.Due"/> says which.
    /// </summary>
    Rescreen,
}

/// <summary>Everything the planner needs for one person, or what stands in the way.</summary>
public sealed record PlanContext(
    PlanBlock? Block,
    string Reason,
    PlannerProfile? Profile,
    SafetyDecision? Safety,
    RoutineGateState? Gate,
    DateOnly Today,
    DateOnly? Started,
    ScreenDue? Due = null,
    AdaptationResult? Adaptation = null,
    TimeOnly? WorkStart = null,
    TimeOnly? WorkEnd = null,
    string? TimeZoneId = null,
    bool ProgramActive = false,
    CoachProgram? Coach = null)
{
    /// <summary>The current dose of an exercise, when feedback has given it one.</summary>
    public CurrentDose? DoseOf(string exerciseId) => Adaptation?.Doses.FirstOrDefault(d => d.ExerciseId == exerciseId);

    /// <summary>The current doses for the planner (safety.md section 5); none before any feedback.</summary>
    public IReadOnlyDictionary<string, Dose>? Doses => Adaptation?.PlannerDoses;

    /// <summary>Why a routine holds only gentle options: a stop rule's own reason, else the last screen's advice.</summary>
    public string GentleOptionsReason => Gate is { RuleId: var rule } gate && rule.StartsWith("stop.", StringComparison.Ordinal)
        ? gate.Reason
        : "Your last warning-sign answers suggest seeing a doctor or physiotherapist, so today's routine uses only gentle options.";
}

/// <summary>
/// The person's routine and program, planned from what is stored: consent, onboarding answers, the routine gate
/// from every screen, and the program's start. Nothing is planned without the safety decision the gate gives.
/// </summary>
public sealed class PersonalPlans(
    ConsentRecords consents,
    ProfileRecords profiles,
    ScreenRecords screens,
    ProgramRecords programs,
    PrescriptionRecords prescriptions,
    DoseRecords doses,
    ScreenDueReader screenDue,
    ExerciseCatalogue catalogue,
    DataStamps stamps,
    PlanCache cache,
    TimeProvider time)
{
    /// <summary>
    /// The person's plan context: kept from an earlier request while their data and the day are unchanged (see
    /// <see cref="PlanCache"/>), otherwise read afresh.
    /// </summary>
    public async Task<PlanContext> LoadAsync(Guid personId, CancellationToken ct = default)
    {
        var stamp = await stamps.CurrentAsync(personId, ct);
        if (stamp is { } held && cache.Find(personId, held) is { } kept)
        {
            return kept;
        }
        var context = await ReadAsync(personId, ct);
        if (stamp is { } read)
        {
            cache.Keep(personId, read, context);
        }
        return context;
    }

    private async Task<PlanContext> ReadAsync(Guid personId, CancellationToken ct)
    {
        var today = PersonalDate.Today(time, null);
        if (await consents.CurrentAsync(personId, Consent.HealthData, ct) is null)
        {
            return new(PlanBlock.NoConsent, "Limber plans routines from your health data only with your consent.", null, null, null, today, null);
        }
        if (await profiles.FindAsync(personId, ct) is not { } stored)
        {
            return new(PlanBlock.NoProfile, "Answer the onboarding questions first: the routine is made from them.", null, null, null, today, null);
        }

        today = PersonalDate.Today(time, stored.Profile.TimeZoneId);
        // Read once here and handed on: the gate, the schedule and the doses all need the program and the age.
        var gate = await screens.GateAsync(personId, ct);
        var age = await screens.LatestAgeAsync(personId, ct);
        var program = await programs.ActiveAsync(personId, ct);
        var profile = PlanInputs.From(stored.Profile, age);
        var due = await screenDue.DueAsync(personId, today, stored.Profile.TimeZoneId, stored.Profile.BaselinePain, program is not null, ct);
        var safety = SafetyDecision.From(gate, due);
        var started = program?.StartedOn ?? today;
        PlanBlock? block = safety.Kind != SafetyDecisionKind.NoRoutine ? null
            : SafetyDecision.From(gate).Kind == SafetyDecisionKind.NoRoutine ? PlanBlock.Gate
            : PlanBlock.Rescreen;
        var reason = gate.RuleId == RoutineGate.NotScreenedRule
            ? "The warning-sign questions come first: answer them, then your routine is planned."
            : block == PlanBlock.Rescreen ? due.Reason
            : gate.Reason;
        var adaptation = block is null && program is not null ? await doses.CurrentAsync(personId, stored.Profile, program, age, ct) : null;
        var coach = program is not null ? await prescriptions.CurrentAsync(personId, ct) : null;
        return new(block, reason, profile, safety, gate, today, started, due, adaptation, stored.Profile.WorkHoursStart, stored.Profile.WorkHoursEnd,
            stored.Profile.TimeZoneId, program is not null, coach);
    }

    /// <summary>
    /// The routine of <paramref name="date"/>; only for a context with no block. A coach's program, when the person
    /// follows one, gives the exercises; the same safety decision rules either way.
    /// </summary>
    public RoutinePlan Routine(PlanContext context, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(context);
        return date == context.Today ? TodaysRoutines.GetValue(context, c => Plan(c, c.Today)) : Plan(context, date);
    }

    // Today's routine, planned once per context: the planner gives the same routine for the same context and day, and
    // a kept context (PlanCache) is asked for it on every request until the person's data or the day changes. Keyed
    // by the context object itself, so an entry goes when its context does.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PlanContext, RoutinePlan> TodaysRoutines = new();

    private RoutinePlan Plan(PlanContext context, DateOnly date)
    {
        return context.Coach is { } coach
            ? CoachedRoutinePlanner.Today(coach.Items, context.Profile!, catalogue, date, context.Safety!, context.Doses)
            : RoutinePlanner.Today(context.Profile!, catalogue, date, context.Safety!, context.Doses);
    }

    /// <summary>
    /// The screen that will be due on a later day if nothing is answered before it (the weekly emergency questions come
    /// round): a session planned ahead, to be played offline, must not outlive the safety decision it was made with.
    /// </summary>
    public async Task<ScreenDue> DueOnAsync(Guid personId, PlanContext context, DateOnly date, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return date <= context.Today
            ? context.Due!
            : await screenDue.DueAsync(personId, date, context.TimeZoneId, context.Profile!.BaselinePain, context.ProgramActive, ct);
    }

    /// <summary>The six weeks from the program's start; only for a context with no block.</summary>
    public SixWeekProgram Program(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ProgramPlanner.SixWeeks(context.Profile!, catalogue, context.Started ?? context.Today, context.Today, context.Safety!, context.Doses);
    }

    /// <summary>
    /// The day's desk breaks, spread over the working hours given in onboarding (one about every two hours, two to
    /// four); none when no working hours were given. Only for a context with no block.
    /// </summary>
    public (DeskBreakPlan Plan, IReadOnlyList<TimeOnly> Times) DeskBreaks(PlanContext context, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.WorkStart is not { } start || context.WorkEnd is not { } end || end <= start)
        {
            return (new DeskBreakPlan(PlanOutcome.NothingFits, [], "Give your working hours in onboarding to get desk breaks."), []);
        }
        var span = end - start;
        var count = Math.Clamp((int)(span.TotalHours / 2), 2, 4);
        var plan = RoutinePlanner.DeskBreak(context.Profile!, catalogue, date, context.Safety!, context.Doses, count);
        var step = span / (plan.Breaks.Count + 1);
        var times = Enumerable.Range(1, plan.Breaks.Count)
            .Select(i => Round(start.Add(step * i)))
            .ToArray();
        return (plan, times);
    }

    /// <summary>To the nearest quarter hour.</summary>
    private static TimeOnly Round(TimeOnly time)
    {
        var minutes = (int)Math.Round(time.ToTimeSpan().TotalMinutes / 15.0, MidpointRounding.AwayFromZero) * 15;
        return TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(Math.Min(minutes, (24 * 60) - 15)));
    }

    public Exercise? Exercise(string id) => catalogue.Find(id);
}
