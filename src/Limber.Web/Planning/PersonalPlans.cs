using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Limber.Storage;

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
}

/// <summary>Everything the planner needs for one person, or what stands in the way.</summary>
public sealed record PlanContext(
    PlanBlock? Block,
    string Reason,
    PlannerProfile? Profile,
    SafetyDecision? Safety,
    RoutineGateState? Gate,
    DateOnly Today,
    DateOnly? Started);

/// <summary>
/// The person's routine and program, planned from what is stored: consent, onboarding answers, the routine gate
/// from every screen, and the program's start. Nothing is planned without the safety decision the gate gives.
/// </summary>
public sealed class PersonalPlans(
    ConsentRecords consents, ProfileRecords profiles, ScreenRecords screens, ProgramRecords programs, ExerciseCatalogue catalogue, TimeProvider time)
{
    public async Task<PlanContext> LoadAsync(Guid personId, CancellationToken ct = default)
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
        var gate = await screens.GateAsync(personId, ct);
        var profile = PlanInputs.From(stored.Profile, await screens.LatestAgeAsync(personId, ct));
        var safety = SafetyDecision.From(gate);
        var started = (await programs.ActiveAsync(personId, ct))?.StartedOn ?? today;
        var block = safety.Kind == SafetyDecisionKind.NoRoutine ? PlanBlock.Gate : (PlanBlock?)null;
        var reason = gate.RuleId == RoutineGate.NotScreenedRule
            ? "The warning-sign questions come first: answer them, then your routine is planned."
            : gate.Reason;
        return new(block, reason, profile, safety, gate, today, started);
    }

    /// <summary>The routine of <paramref name="date"/>; only for a context with no block.</summary>
    public RoutinePlan Routine(PlanContext context, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RoutinePlanner.Today(context.Profile!, catalogue, date, context.Safety!);
    }

    /// <summary>The six weeks from the program's start; only for a context with no block.</summary>
    public SixWeekProgram Program(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ProgramPlanner.SixWeeks(context.Profile!, catalogue, context.Started ?? context.Today, context.Today, context.Safety!);
    }

    public Exercise? Exercise(string id) => catalogue.Find(id);
}
