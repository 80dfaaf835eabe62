namespace Limber.Domain.Safety;

/// <summary>What a person reports during a session (safety.md section 4).</summary>
public enum SessionSymptom
{
    /// <summary>Any symptom of an emergency item, e.g. numbness around the saddle area or a bladder change.</summary>
    EmergencySymptom,

    /// <summary>Chest pain, fainting, or breathlessness beyond the effort of the exercise.</summary>
    ChestPainFaintingOrBreathless,

    /// <summary>Sharp, stabbing or electric pain, not the pull of a stretch.</summary>
    SharpPain,

    /// <summary>Pain spreading into the buttock or one leg.</summary>
    SpreadingPainOneLeg,

    /// <summary>Pain spreading into both legs.</summary>
    SpreadingPainBothLegs,

    /// <summary>New numbness, pins and needles or weakness in one leg.</summary>
    NumbnessOneLeg,

    /// <summary>New numbness, pins and needles or weakness in both legs or around the saddle area.</summary>
    NumbnessBothLegsOrSaddle,

    /// <summary>Pain during an exercise, with a 0–10 score in <see cref="SessionReport.PainScore"/>.</summary>
    PainDuringExercise,
}

/// <summary>What the session player does. Ordered from least to most: a later value stops more.</summary>
public enum StopAction
{
    Continue,

    /// <summary>Allowed if it settles by next morning; ask about it at the next check-in.</summary>
    ContinueAskAtCheckIn,

    /// <summary>Stop the set; regress that exercise next session.</summary>
    StopSetRegressNextSession,

    /// <summary>Stop that exercise; offer an easier variant or skipping it.</summary>
    StopExerciseOfferEasierOrSkip,

    /// <summary>Stop the session; regress next time.</summary>
    StopSessionRegressNextTime,

    /// <summary>Stop the session and ask the emergency items (<see cref="WarningSignScreen.Recheck"/>) before anything else.</summary>
    StopSessionAndRunEmergencyItems,
}

/// <summary>One report made during a session.</summary>
/// <param name="Symptom">What the person reported.</param>
/// <param name="PainScore">0–10; required for <see cref="SessionSymptom.PainDuringExercise"/>, ignored otherwise.</param>
/// <param name="SharpPainReportsInPrevious7Days">Earlier sharp-pain reports in the 7 days before this one, not counting it.</param>
public sealed record SessionReport(SessionSymptom Symptom, int? PainScore = null, int SharpPainReportsInPrevious7Days = 0);

/// <summary>
/// What to do about a report: the action, the disposition it raises by itself (None when it raises none;
/// for <see cref="StopAction.StopSessionAndRunEmergencyItems"/> the re-checked screen decides), and a plain message.
/// </summary>
public sealed record StopDecision(string RuleId, StopAction Action, Disposition Raises, string Message);

/// <summary>The stop rules inside a session (safety.md section 4). Fixed, not configurable: they only escalate.</summary>
public static class StopRules
{
    public const string EmergencySymptomRule = "stop.emergency_symptom";
    public const string ChestPainFaintingOrBreathlessRule = "stop.chest_pain_fainting_or_breathless";
    public const string SharpPainRule = "stop.sharp_pain";
    public const string SharpPainTwiceRule = "stop.sharp_pain_twice_in_7_days";
    public const string SpreadingPainOneLegRule = "stop.spreading_pain_one_leg";
    public const string SpreadingPainBothLegsRule = "stop.spreading_pain_both_legs";
    public const string NumbnessOneLegRule = "stop.numbness_one_leg";
    public const string NumbnessBothLegsOrSaddleRule = "stop.numbness_both_legs_or_saddle";
    public const string PainAbove5Rule = "stop.pain_above_5";
    public const string Pain3To5Rule = "stop.pain_3_to_5";
    public const string PainUpTo2Rule = "stop.pain_up_to_2";

    public static IReadOnlyList<string> RuleIds { get; } =
    [
        EmergencySymptomRule, ChestPainFaintingOrBreathlessRule, SharpPainRule, SharpPainTwiceRule,
        SpreadingPainOneLegRule, SpreadingPainBothLegsRule, NumbnessOneLegRule, NumbnessBothLegsOrSaddleRule,
        PainAbove5Rule, Pain3To5Rule, PainUpTo2Rule,
    ];

    /// <summary>Pain during an exercise above this stops the set (the pain-monitoring model's "high risk" zone).</summary>
    public const int StopSetAbovePain = 5;

    /// <summary>Pain during an exercise from this up to <see cref="StopSetAbovePain"/> is allowed and asked about at the next check-in.</summary>
    public const int AskAtCheckInFromPain = 3;

    /// <summary>Sharp pain reported this many times within <see cref="SharpPainWindowDays"/> days gives routine.</summary>
    public const int SharpPainReportsForRoutine = 2;

    public const int SharpPainWindowDays = 7;

    private const string EmergencyQuestions = "Please answer the most important warning-sign questions now, before anything else.";

    /// <summary>What was reported, in a few plain words that follow "you reported".</summary>
    public static string Reported(SessionSymptom symptom) => symptom switch
    {
        SessionSymptom.EmergencySymptom => "a symptom of the most important warning signs",
        SessionSymptom.ChestPainFaintingOrBreathless => "chest pain, fainting or unusual breathlessness",
        SessionSymptom.SharpPain => "sharp, stabbing or electric pain",
        SessionSymptom.SpreadingPainOneLeg => "pain spreading into your buttock or leg",
        SessionSymptom.SpreadingPainBothLegs => "pain spreading into both legs",
        SessionSymptom.NumbnessOneLeg => "new numbness, pins and needles or weakness in one leg",
        SessionSymptom.NumbnessBothLegsOrSaddle => "new numbness, pins and needles or weakness in both legs or the saddle area",
        SessionSymptom.PainDuringExercise => "pain during an exercise",
    };

    public static StopDecision Decide(SessionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentOutOfRangeException.ThrowIfNegative(report.SharpPainReportsInPrevious7Days);
        return report.Symptom switch
        {
            SessionSymptom.EmergencySymptom => new(EmergencySymptomRule, StopAction.StopSessionAndRunEmergencyItems, Disposition.None,
                "Stop the session now. " + EmergencyQuestions),
            SessionSymptom.ChestPainFaintingOrBreathless => new(ChestPainFaintingOrBreathlessRule, StopAction.StopSessionAndRunEmergencyItems, Disposition.None,
                "Stop the session now. Chest pain, fainting or being more out of breath than the effort explains can be serious. "
                + EmergencyQuestions + " If you feel very unwell, call your local emergency number."),
            SessionSymptom.SharpPain => SharpPain(report.SharpPainReportsInPrevious7Days + 1),
            SessionSymptom.SpreadingPainOneLeg => new(SpreadingPainOneLegRule, StopAction.StopSessionRegressNextTime, Disposition.None,
                "Stop for today. Pain spreading into your buttock or leg means your exercises will be made easier next time."),
            SessionSymptom.SpreadingPainBothLegs => new(SpreadingPainBothLegsRule, StopAction.StopSessionAndRunEmergencyItems, Disposition.None,
                "Stop the session now. Pain spreading into both legs needs checking. " + EmergencyQuestions),
            SessionSymptom.NumbnessOneLeg => new(NumbnessOneLegRule, StopAction.StopSessionRegressNextTime, Disposition.Routine,
                "Stop the session. New numbness, pins and needles or weakness in one leg is worth checking: "
                + "please book an appointment with a doctor or physiotherapist."),
            SessionSymptom.NumbnessBothLegsOrSaddle => new(NumbnessBothLegsOrSaddleRule, StopAction.StopSessionAndRunEmergencyItems, Disposition.None,
                "Stop the session now. New numbness, pins and needles or weakness in both legs or around your genitals or bottom needs checking. "
                + EmergencyQuestions),
            SessionSymptom.PainDuringExercise => PainDuring(report.PainScore
                ?? throw new ArgumentException("A pain score (0–10) is needed for pain during an exercise.", nameof(report))),
        };
    }

    private static StopDecision SharpPain(int reportsInWindow) => reportsInWindow >= SharpPainReportsForRoutine
        ? new(SharpPainTwiceRule, StopAction.StopExerciseOfferEasierOrSkip, Disposition.Routine,
            "Stop this exercise: sharp, stabbing or electric pain is a sign to stop, not to push through. You can try an easier version or skip it. "
            + $"This has happened {reportsInWindow} times in {SharpPainWindowDays} days, so please book an appointment with a doctor or physiotherapist.")
        : new(SharpPainRule, StopAction.StopExerciseOfferEasierOrSkip, Disposition.None,
            "Stop this exercise: sharp, stabbing or electric pain is a sign to stop, not to push through. You can try an easier version or skip it.");

    private static StopDecision PainDuring(int score)
    {
        Score.Check(score, nameof(SessionReport.PainScore));
        return score switch
        {
            > StopSetAbovePain => new(PainAbove5Rule, StopAction.StopSetRegressNextSession, Disposition.None,
                $"Stop this set. Pain above {StopSetAbovePain} out of 10 is more than this exercise should cause, so it will be made easier next session."),
            >= AskAtCheckInFromPain => new(Pain3To5Rule, StopAction.ContinueAskAtCheckIn, Disposition.None,
                $"You can carry on if the pain stays at {StopSetAbovePain} out of 10 or below. It should settle by tomorrow morning; "
                + "you'll be asked about it at your next check-in."),
            _ => new(PainUpTo2Rule, StopAction.Continue, Disposition.None, "Carry on at your own pace."),
        };
    }
}
