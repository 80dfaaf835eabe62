namespace Limber.Domain.Safety;

/// <summary>What may happen to routines after an outcome (safety.md section 1). Ordered: a later value restricts more.</summary>
public enum RoutineAccess
{
    /// <summary>Routines continue.</summary>
    Continue,

    /// <summary>Routines may continue, gentle options first.</summary>
    GentleOptionsFirst,

    /// <summary>Routines pause until the person confirms they were seen by a doctor.</summary>
    PausedUntilSeen,

    /// <summary>Routines are locked until the person confirms they were seen and a clinician cleared them to exercise.</summary>
    LockedUntilCleared,
}

/// <summary>
/// The plain words and the routine gate for one disposition (safety.md section 1). After a screen with no
/// warning signs the heading is "No warning signs reported": Limber never says "all clear".
/// </summary>
public sealed record DispositionAdvice(string RuleId, Disposition Disposition, string Heading, string WhatToDo, RoutineAccess Routines)
{
    public const string EmergencyRule = "outcome.emergency";
    public const string UrgentRule = "outcome.urgent";
    public const string RoutineRule = "outcome.routine";
    public const string NoneRule = "outcome.none";

    public static IReadOnlyList<string> RuleIds { get; } = [EmergencyRule, UrgentRule, RoutineRule, NoneRule];

    public static DispositionAdvice For(Disposition disposition) => disposition switch
    {
        Disposition.Emergency => new(EmergencyRule, disposition, "Get help now",
            "Go to an emergency department or call your local emergency number now. Tell them about the answers listed below. "
            + "Routines stay locked until you confirm you have been seen and a clinician has said you can exercise.",
            RoutineAccess.LockedUntilCleared),
        Disposition.Urgent => new(UrgentRule, disposition, "See a doctor within 24–48 hours",
            "Please see a doctor within the next 24–48 hours and tell them about the answers listed below. "
            + "Routines are paused until you confirm you have been seen.",
            RoutineAccess.PausedUntilSeen),
        Disposition.Routine => new(RoutineRule, disposition, "Book an appointment",
            "Please book an appointment with a doctor or physiotherapist and mention the answers listed below. "
            + "You can carry on with your routines meanwhile, starting with the gentle options.",
            RoutineAccess.GentleOptionsFirst),
        Disposition.None => new(NoneRule, disposition, "No warning signs reported",
            "You can carry on. If anything changes, such as new numbness or a change in your bladder or bowel, answer the questions again.",
            RoutineAccess.Continue),
    };
}
