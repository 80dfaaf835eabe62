using Limber.Domain.Safety;
using static Limber.Domain.Safety.SessionSymptom;
using static Limber.Domain.Safety.StopAction;

namespace Limber.Domain.Tests.Safety;

/// <summary>safety.md section 4, row by row. Columns: what the person reports, then what the player must do.</summary>
public class StopRulesTests
{
    [Theory]
    [InlineData(EmergencySymptom, null, 0, "stop.emergency_symptom", StopSessionAndRunEmergencyItems, Disposition.None)]
    [InlineData(ChestPainFaintingOrBreathless, null, 0, "stop.chest_pain_fainting_or_breathless", StopSessionAndRunEmergencyItems, Disposition.None)]
    [InlineData(SharpPain, null, 0, "stop.sharp_pain", StopExerciseOfferEasierOrSkip, Disposition.None)]
    // The second sharp pain within 7 days gives routine; so does any later one.
    [InlineData(SharpPain, null, 1, "stop.sharp_pain_twice_in_7_days", StopExerciseOfferEasierOrSkip, Disposition.Routine)]
    [InlineData(SharpPain, null, 4, "stop.sharp_pain_twice_in_7_days", StopExerciseOfferEasierOrSkip, Disposition.Routine)]
    [InlineData(SpreadingPainOneLeg, null, 0, "stop.spreading_pain_one_leg", StopSessionRegressNextTime, Disposition.None)]
    [InlineData(SpreadingPainBothLegs, null, 0, "stop.spreading_pain_both_legs", StopSessionAndRunEmergencyItems, Disposition.None)]
    [InlineData(NumbnessOneLeg, null, 0, "stop.numbness_one_leg", StopSessionRegressNextTime, Disposition.Routine)]
    [InlineData(NumbnessBothLegsOrSaddle, null, 0, "stop.numbness_both_legs_or_saddle", StopSessionAndRunEmergencyItems, Disposition.None)]
    // Pain during an exercise: above 5 stops the set; 3–5 is allowed and asked about; 0–2 carries on.
    [InlineData(PainDuringExercise, 10, 0, "stop.pain_above_5", StopSetRegressNextSession, Disposition.None)]
    [InlineData(PainDuringExercise, 6, 0, "stop.pain_above_5", StopSetRegressNextSession, Disposition.None)]
    [InlineData(PainDuringExercise, 5, 0, "stop.pain_3_to_5", ContinueAskAtCheckIn, Disposition.None)]
    [InlineData(PainDuringExercise, 3, 0, "stop.pain_3_to_5", ContinueAskAtCheckIn, Disposition.None)]
    [InlineData(PainDuringExercise, 2, 0, "stop.pain_up_to_2", Continue, Disposition.None)]
    [InlineData(PainDuringExercise, 0, 0, "stop.pain_up_to_2", Continue, Disposition.None)]
    // Earlier sharp pain does not change what other reports do.
    [InlineData(PainDuringExercise, 4, 3, "stop.pain_3_to_5", ContinueAskAtCheckIn, Disposition.None)]
    public void Each_report_gets_the_action_of_safety_md_section_4(
        SessionSymptom symptom, int? pain, int earlierSharpPain, string ruleId, StopAction action, Disposition raises)
    {
        var decision = StopRules.Decide(new SessionReport(symptom, pain, earlierSharpPain));

        decision.ShouldBe(decision with { RuleId = ruleId, Action = action, Raises = raises });
        decision.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Every_symptom_has_a_rule()
    {
        foreach (var symptom in Enum.GetValues<SessionSymptom>())
        {
            StopRules.RuleIds.ShouldContain(StopRules.Decide(new SessionReport(symptom, 4)).RuleId);
        }
    }

    [Fact]
    public void Sharp_pain_twice_in_7_days_asks_for_an_appointment()
    {
        StopRules.Decide(new SessionReport(SharpPain, SharpPainReportsInPrevious7Days: 1)).Message
            .ShouldEndWith("This has happened 2 times in 7 days, so please book an appointment with a doctor or physiotherapist.");
    }

    [Fact]
    public void Numbness_in_one_leg_asks_for_an_appointment()
    {
        StopRules.Decide(new SessionReport(NumbnessOneLeg)).Message.ShouldContain("book an appointment");
    }

    [Fact]
    public void Stopping_for_the_emergency_items_asks_them_before_anything_else()
    {
        foreach (var symptom in new[] { EmergencySymptom, ChestPainFaintingOrBreathless, SpreadingPainBothLegs, NumbnessBothLegsOrSaddle })
        {
            StopRules.Decide(new SessionReport(symptom)).Message.ShouldContain("warning-sign questions now");
        }
    }

    [Fact]
    public void Pain_during_an_exercise_needs_a_score_on_the_0_to_10_scale()
    {
        Should.Throw<ArgumentException>(() => StopRules.Decide(new SessionReport(PainDuringExercise)));
        Should.Throw<ArgumentOutOfRangeException>(() => StopRules.Decide(new SessionReport(PainDuringExercise, 11)));
        Should.Throw<ArgumentOutOfRangeException>(() => StopRules.Decide(new SessionReport(PainDuringExercise, -1)));
        Should.Throw<ArgumentOutOfRangeException>(() => StopRules.Decide(new SessionReport(SharpPain, SharpPainReportsInPrevious7Days: -1)));
    }

    [Fact]
    public void More_pain_never_gives_a_milder_action()
    {
        var actions = Enumerable.Range(0, 11).Select(p => StopRules.Decide(new SessionReport(PainDuringExercise, p)).Action).ToList();

        actions.ShouldBe(actions.Order().ToList());
    }

    [Fact]
    public void Both_legs_or_the_saddle_area_always_stop_more_than_one_leg()
    {
        (StopRules.Decide(new SessionReport(NumbnessBothLegsOrSaddle)).Action > StopRules.Decide(new SessionReport(NumbnessOneLeg)).Action).ShouldBeTrue();
        (StopRules.Decide(new SessionReport(SpreadingPainBothLegs)).Action > StopRules.Decide(new SessionReport(SpreadingPainOneLeg)).Action).ShouldBeTrue();
    }

    [Fact]
    public void Every_symptom_has_its_own_plain_words_for_what_was_reported()
    {
        var words = Enum.GetValues<SessionSymptom>().Select(StopRules.Reported).ToList();
        words.ShouldAllBe(w => w.Length > 0 && char.IsLower(w[0]));
        words.ShouldBeUnique();
    }
}
