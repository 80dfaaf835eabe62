using Limber.Domain.Safety;
using static Limber.Domain.Safety.ScreenScope;

namespace Limber.Domain.Tests.Safety;

/// <summary>safety.md section 3: when the screen runs again. Dates are fixed; nothing reads a clock.</summary>
public class ScreenScheduleTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static ScreenDue Due(int? fullDaysAgo, int? recheckDaysAgo = null, bool edited = false, bool active = true, CheckInSignals? checkIn = null) =>
        ScreenSchedule.Due(
            new ScreenHistory(
                fullDaysAgo is { } f ? Today.AddDays(-f) : null,
                recheckDaysAgo is { } r ? Today.AddDays(-r) : null,
                edited,
                active),
            Today,
            checkIn);

    private static CheckInSignals CheckIn(int pain = 3, int baseline = 3, bool legs = false, bool numbness = false, bool bladderOrBowel = false) =>
        new(pain, baseline, legs, numbness, bladderOrBowel);

    [Fact]
    public void The_full_screen_comes_before_the_first_routine()
    {
        var due = Due(fullDaysAgo: null, active: false);

        due.Scope.ShouldBe(FullScreen);
        due.RuleIds.ShouldBe(["rescreen.before_first_routine"]);
    }

    [Fact]
    public void A_session_stopped_for_the_emergency_items_asks_them_at_once_even_the_day_after_a_full_screen()
    {
        var history = new ScreenHistory(Today.AddDays(-1), null, AnswersEdited: false, ProgramActive: true);
        var due = ScreenSchedule.Due(history, Today, null, emergencyStopSinceLastAsked: true);
        due.Scope.ShouldBe(EmergencyItems);
        due.RuleIds.ShouldBe(["rescreen.session_stop"]);
        due.Reason.ShouldContain("stopped a session");
        ScreenSchedule.Due(history, Today, null, emergencyStopSinceLastAsked: false).Scope.ShouldBe(None);
        // With a check-in that asks for the whole screen, the whole screen covers both.
        var both = ScreenSchedule.Due(history, Today, CheckIn(legs: true), emergencyStopSinceLastAsked: true);
        both.Scope.ShouldBe(FullScreen);
        both.RuleIds.ShouldBe(["rescreen.session_stop", "rescreen.leg_symptoms"]);
    }

    [Fact]
    public void Editing_an_answer_runs_the_full_screen_again()
    {
        Due(fullDaysAgo: 1, edited: true).RuleIds.ShouldBe(["rescreen.answers_edited"]);
    }

    [Theory]
    [InlineData(6, null, true, None)]
    [InlineData(7, null, true, EmergencyItems)]
    [InlineData(30, null, true, EmergencyItems)]
    [InlineData(30, 6, true, None)]
    [InlineData(30, 7, true, EmergencyItems)]
    [InlineData(3, 20, true, None)]
    [InlineData(30, null, false, None)]
    public void The_emergency_items_are_asked_again_every_7_days_while_a_program_is_active(int fullDaysAgo, int? recheckDaysAgo, bool active, ScreenScope expected)
    {
        var due = Due(fullDaysAgo, recheckDaysAgo, active: active);

        due.Scope.ShouldBe(expected);
        if (expected == EmergencyItems)
        {
            due.RuleIds.ShouldBe(["rescreen.emergency_items_weekly"]);
        }
    }

    [Theory]
    [InlineData(6, 3, "rescreen.pain_rise")]
    [InlineData(10, 2, "rescreen.pain_rise")]
    public void A_check_in_with_pain_3_or_more_above_baseline_runs_the_screen_at_once(int pain, int baseline, string rule)
    {
        var due = Due(fullDaysAgo: 1, checkIn: CheckIn(pain, baseline));

        due.Scope.ShouldBe(FullScreen);
        due.RuleIds.ShouldBe([rule]);
    }

    [Fact]
    public void A_check_in_with_pain_2_above_baseline_does_not()
    {
        Due(fullDaysAgo: 1, checkIn: CheckIn(5, 3)).Scope.ShouldBe(None);
    }

    [Fact]
    public void Leg_symptoms_numbness_and_bladder_or_bowel_changes_each_run_the_screen_at_once()
    {
        Due(fullDaysAgo: 1, checkIn: CheckIn(legs: true)).RuleIds.ShouldBe(["rescreen.leg_symptoms"]);
        Due(fullDaysAgo: 1, checkIn: CheckIn(numbness: true)).RuleIds.ShouldBe(["rescreen.numbness_or_tingling"]);
        Due(fullDaysAgo: 1, checkIn: CheckIn(bladderOrBowel: true)).RuleIds.ShouldBe(["rescreen.bladder_or_bowel_change"]);
        Due(fullDaysAgo: 1, checkIn: CheckIn(bladderOrBowel: true)).Scope.ShouldBe(FullScreen);
    }

    [Fact]
    public void Several_triggers_ask_for_the_largest_screen_and_name_every_rule()
    {
        var due = Due(fullDaysAgo: 9, checkIn: CheckIn(7, 2, legs: true));

        due.Scope.ShouldBe(FullScreen);
        due.RuleIds.ShouldBe(["rescreen.emergency_items_weekly", "rescreen.pain_rise", "rescreen.leg_symptoms"]);
        due.Reason.ShouldEndWith("Please answer the warning-sign questions again.");
    }

    [Fact]
    public void Nothing_is_due_after_a_recent_screen_and_a_quiet_check_in()
    {
        var due = Due(fullDaysAgo: 2, checkIn: CheckIn());

        due.ShouldBe(due with { Scope = None });
        due.RuleIds.ShouldBeEmpty();
    }
}
