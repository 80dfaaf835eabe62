namespace Limber.Domain.Safety;

/// <summary>How much of the warning-sign screen is due. Ordered: a later value asks more.</summary>
public enum ScreenScope
{
    None,

    /// <summary>Only <see cref="WarningSignScreen.EmergencyItems"/>, on top of the last complete screen (see <see cref="WarningSignScreen.Recheck"/>).</summary>
    EmergencyItems,

    /// <summary>Every item of <see cref="WarningSignScreen.Items"/>.</summary>
    FullScreen,
}

/// <summary>When the person was last screened and whether a program is running.</summary>
/// <param name="LastFullScreen">Date of the last judged complete screen; null when never screened.</param>
/// <param name="LastEmergencyRecheck">Date the emergency items were last asked again on their own; null when never.</param>
/// <param name="AnswersEdited">The person changed an answer since the last judgement.</param>
/// <param name="ProgramActive">A program is running, so the weekly re-check applies.</param>
public sealed record ScreenHistory(DateOnly? LastFullScreen, DateOnly? LastEmergencyRecheck, bool AnswersEdited, bool ProgramActive);

/// <summary>What a daily check-in logged that matters for safety.md section 3.</summary>
/// <param name="Pain">Pain now, 0–10.</param>
/// <param name="BaselinePain">The person's baseline pain, 0–10.</param>
/// <param name="LegSymptoms">Any leg symptom (pain, pins and needles, weakness in a leg).</param>
/// <param name="NumbnessOrTingling">Numbness or tingling anywhere.</param>
/// <param name="BladderOrBowelChange">Any change in bladder or bowel.</param>
public sealed record CheckInSignals(int Pain, int BaselinePain, bool LegSymptoms, bool NumbnessOrTingling, bool BladderOrBowelChange);

/// <summary>The screen that is due, every rule that asked for it, and why in plain words.</summary>
public sealed record ScreenDue(ScreenScope Scope, IReadOnlyList<string> RuleIds, string Reason);

/// <summary>
/// When the warning-sign screen runs again (safety.md section 3). Pure: the caller passes today's date.
/// A check-in trigger asks for the full screen: safety.md says "the screen runs again" without narrowing it,
/// and the full screen includes the emergency items.
/// </summary>
public static class ScreenSchedule
{
    public const string BeforeFirstRoutine = "rescreen.before_first_routine";
    public const string AnswersEdited = "rescreen.answers_edited";
    public const string EmergencyItemsWeekly = "rescreen.emergency_items_weekly";
    public const string PainRise = "rescreen.pain_rise";
    public const string LegSymptoms = "rescreen.leg_symptoms";
    public const string NumbnessOrTingling = "rescreen.numbness_or_tingling";
    public const string BladderOrBowelChange = "rescreen.bladder_or_bowel_change";
    public const string SessionStop = "rescreen.session_stop";

    public static IReadOnlyList<string> RuleIds { get; } =
        [BeforeFirstRoutine, AnswersEdited, EmergencyItemsWeekly, PainRise, LegSymptoms, NumbnessOrTingling, BladderOrBowelChange, SessionStop];

    /// <summary>The emergency items are asked again this many days after the last time they were asked.</summary>
    public const int EmergencyItemsEveryDays = 7;

    /// <summary>A check-in with pain this many points or more above baseline triggers the screen at once.</summary>
    public const int PainRiseAboveBaseline = 3;

    /// <param name="history">When the person was last screened.</param>
    /// <param name="today">The person's date.</param>
    /// <param name="latestCheckIn">The latest check-in made since the last full screen, if any.</param>
    /// <param name="emergencyStopSinceLastAsked">
    /// A report during a session stopped it and asked the emergency items (safety.md section 4) after they were last asked.
    /// </param>
    public static ScreenDue Due(ScreenHistory history, DateOnly today, CheckInSignals? latestCheckIn = null, bool emergencyStopSinceLastAsked = false)
    {
        ArgumentNullException.ThrowIfNull(history);
        var due = new List<(string Id, ScreenScope Scope, string Why)>();
        if (history.LastFullScreen is null)
        {
            due.Add((BeforeFirstRoutine, ScreenScope.FullScreen, "The warning-sign questions come before your first routine."));
        }
        if (history.AnswersEdited)
        {
            due.Add((AnswersEdited, ScreenScope.FullScreen, "You changed an answer, so the questions are checked again."));
        }
        var lastAsked = Latest(history.LastFullScreen, history.LastEmergencyRecheck);
        if (history.ProgramActive && lastAsked is { } last && today.DayNumber - last.DayNumber >= EmergencyItemsEveryDays)
        {
            due.Add((EmergencyItemsWeekly, ScreenScope.EmergencyItems,
                $"It has been {EmergencyItemsEveryDays} days or more, so the most important questions are asked again."));
        }
        if (emergencyStopSinceLastAsked)
        {
            due.Add((SessionStop, ScreenScope.EmergencyItems, "You stopped a session because of a symptom that needs checking."));
        }
        if (latestCheckIn is { } checkIn)
        {
            Score.Check(checkIn.Pain, nameof(checkIn.Pain));
            Score.Check(checkIn.BaselinePain, nameof(checkIn.BaselinePain));
            if (checkIn.Pain - checkIn.BaselinePain >= PainRiseAboveBaseline)
            {
                due.Add((PainRise, ScreenScope.FullScreen,
                    $"Your pain today is {PainRiseAboveBaseline} or more points above your usual level."));
            }
            if (checkIn.LegSymptoms)
            {
                due.Add((LegSymptoms, ScreenScope.FullScreen, "You noted a symptom in your leg."));
            }
            if (checkIn.NumbnessOrTingling)
            {
                due.Add((NumbnessOrTingling, ScreenScope.FullScreen, "You noted numbness or tingling."));
            }
            if (checkIn.BladderOrBowelChange)
            {
                due.Add((BladderOrBowelChange, ScreenScope.FullScreen, "You noted a change in your bladder or bowel."));
            }
        }
        if (due.Count == 0)
        {
            return new ScreenDue(ScreenScope.None, [], "No questions are due.");
        }
        var scope = due.Max(d => d.Scope);
        var ask = scope switch
        {
            ScreenScope.FullScreen => "Please answer the warning-sign questions again.",
            ScreenScope.EmergencyItems => "Please answer the most important warning-sign questions again.",
            ScreenScope.None => "",
        };
        return new ScreenDue(scope, due.Select(d => d.Id).ToList().AsReadOnly(), string.Join(" ", due.Select(d => d.Why).Append(ask)));
    }

    private static DateOnly? Latest(DateOnly? a, DateOnly? b) => (a, b) switch
    {
        ({ } x, { } y) => x > y ? x : y,
        _ => a ?? b,
    };
}
