namespace Limber.Domain.Safety;

/// <summary>What the person has confirmed after a referral from a screen (safety.md section 1).</summary>
public enum ReferralConfirmationKind
{
    /// <summary>"I was seen by a doctor": lifts the pause after an urgent outcome.</summary>
    Seen,

    /// <summary>"I was seen and a clinician cleared me to exercise": needed after an emergency outcome.</summary>
    ClearedToExercise,
}

/// <summary>One judged screen as the gate sees it: when, its outcome, and the strongest confirmation recorded for it.</summary>
public sealed record GatedScreen(Guid Id, DateTimeOffset TakenAt, Disposition Disposition, ReferralConfirmationKind? Confirmed);

/// <summary>The routine gate now, the rule that set it, and the screen that holds it (null when none does).</summary>
public sealed record RoutineGateState(RoutineAccess Access, string RuleId, Guid? HoldingScreenId, string Reason)
{
    /// <summary>True when routines may be built or started at all.</summary>
    public bool RoutinesAllowed => Access is RoutineAccess.Continue or RoutineAccess.GentleOptionsFirst;
}

/// <summary>
/// Whether routines may run, from every screen the person has had (safety.md section 1). An emergency outcome
/// locks routines until the person confirms they were seen and cleared to exercise; an urgent one pauses them
/// until they confirm they were seen. A later screen with fewer answers never lifts a lock or a pause: the
/// rules only ever escalate, so only the confirmation does. Otherwise the latest screen's advice applies, and
/// with no screen at all routines wait for the first one (safety.md section 3).
/// </summary>
public static class RoutineGate
{
    /// <summary>No screen yet: routines wait for the first one.</summary>
    public const string NotScreenedRule = ScreenSchedule.BeforeFirstRoutine;

    public static RoutineGateState Evaluate(IEnumerable<GatedScreen> screens)
    {
        ArgumentNullException.ThrowIfNull(screens);
        var all = screens.OrderByDescending(s => s.TakenAt).ToList();
        if (all.Count == 0)
        {
            return new(RoutineAccess.PausedUntilSeen, NotScreenedRule, null,
                "Answer the warning-sign questions before your first routine.");
        }

        var locked = all.FirstOrDefault(s => s.Disposition == Disposition.Emergency && s.Confirmed != ReferralConfirmationKind.ClearedToExercise);
        if (locked is not null)
        {
            var advice = DispositionAdvice.For(Disposition.Emergency);
            return new(advice.Routines, advice.RuleId, locked.Id,
                "Routines are locked until you confirm you have been seen and a clinician has said you can exercise.");
        }

        var paused = all.FirstOrDefault(s => s.Disposition == Disposition.Urgent && s.Confirmed is null);
        if (paused is not null)
        {
            var advice = DispositionAdvice.For(Disposition.Urgent);
            return new(advice.Routines, advice.RuleId, paused.Id,
                "Routines are paused until you confirm you have been seen by a doctor.");
        }

        var latest = all[0];
        var latestAdvice = DispositionAdvice.For(latest.Disposition);
        // A confirmed emergency or urgent outcome has been acted on: routines go on, gently at first.
        var access = latest.Disposition is Disposition.Emergency or Disposition.Urgent ? RoutineAccess.GentleOptionsFirst : latestAdvice.Routines;
        var reason = access == RoutineAccess.GentleOptionsFirst
            ? "You can carry on with your routines, starting with the gentle options."
            : "You can carry on with your routines.";
        return new(access, latestAdvice.RuleId, null, reason);
    }

    /// <summary>Which confirmation a screen's outcome asks for; null when it asks for none.</summary>
    public static ReferralConfirmationKind? ConfirmationNeeded(Disposition disposition) => disposition switch
    {
        Disposition.Emergency => ReferralConfirmationKind.ClearedToExercise,
        Disposition.Urgent => ReferralConfirmationKind.Seen,
        Disposition.Routine or Disposition.None => null,
    };
}
