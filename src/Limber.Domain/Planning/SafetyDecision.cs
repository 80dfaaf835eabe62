using Limber.Domain.Safety;

namespace Limber.Domain.Planning;

/// <summary>What the routine gate allows the planner to do. A closed set: every switch over it is complete (CS8509).</summary>
public enum SafetyDecisionKind
{
    /// <summary>Plan as usual.</summary>
    Continue,

    /// <summary>Plan only the gentle (difficulty 1) options, at doses no larger than the catalogue's.</summary>
    GentleOptionsFirst,

    /// <summary>Plan nothing: routines are paused, locked, or wait for the first screen.</summary>
    NoRoutine,
}

/// <summary>
/// The safety decision every planner call needs (architecture.md: no code path builds a routine without one).
/// It can only be made from the routine gate's state (safety.md section 1), so the planner never decides safety itself.
/// </summary>
public sealed record SafetyDecision
{
    private SafetyDecision(SafetyDecisionKind kind, string ruleId, string reason)
    {
        Kind = kind;
        RuleId = ruleId;
        Reason = reason;
    }

    public SafetyDecisionKind Kind { get; }

    /// <summary>Whether a planner may plan only the gentle options; null when it may plan nothing at all.</summary>
    public bool? GentleOnly => Kind switch
    {
        SafetyDecisionKind.Continue => false,
        SafetyDecisionKind.GentleOptionsFirst => true,
        SafetyDecisionKind.NoRoutine => null,
    };

    /// <summary>The safety rule that set the gate, e.g. outcome.urgent.</summary>
    public string RuleId { get; }

    /// <summary>The gate's plain-words reason, shown when no routine is planned.</summary>
    public string Reason { get; }

    /// <summary>
    /// The decision from the routine gate and the screen schedule (safety.md sections 1 and 3): a locked or paused gate
    /// plans nothing; so does a screen that is due again (the weekly emergency questions, or a check-in that raised a
    /// warning sign), until it has been answered. Otherwise the gate's access stands.
    /// </summary>
    public static SafetyDecision From(RoutineGateState gate, ScreenDue due)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(due);
        var fromGate = From(gate);
        if (fromGate.Kind == SafetyDecisionKind.NoRoutine)
        {
            return fromGate;
        }
        return due.Scope switch
        {
            ScreenScope.None => fromGate,
            ScreenScope.EmergencyItems or ScreenScope.FullScreen =>
                new SafetyDecision(SafetyDecisionKind.NoRoutine, due.RuleIds[0], due.Reason),
        };
    }

    public static SafetyDecision From(RoutineGateState gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var kind = gate.Access switch
        {
            RoutineAccess.Continue => SafetyDecisionKind.Continue,
            RoutineAccess.GentleOptionsFirst => SafetyDecisionKind.GentleOptionsFirst,
            RoutineAccess.PausedUntilSeen => SafetyDecisionKind.NoRoutine,
            RoutineAccess.LockedUntilCleared => SafetyDecisionKind.NoRoutine,
        };
        return new SafetyDecision(kind, gate.RuleId, gate.Reason);
    }
}
