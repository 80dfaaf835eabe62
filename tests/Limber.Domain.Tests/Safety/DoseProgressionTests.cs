using CsCheck;
using Limber.Domain.Safety;
using static Limber.Domain.Safety.DoseStep;
using static Limber.Domain.Safety.ExerciseFeedback;

namespace Limber.Domain.Tests.Safety;

/// <summary>safety.md section 5 (pragmatic dose rules), row by row, with the default settings unless a row says otherwise.</summary>
public class DoseProgressionTests
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    /// <summary>A session on day <paramref name="day"/>: baseline (pain before), worst pain, feedback, next-morning pain (null = no check-in yet).</summary>
    private static SessionFeedback S(int day, int baseline, int worst, ExerciseFeedback feedback = AboutRight, int? morning = -1, bool stiffer = false) =>
        new(Monday.AddDays(day), baseline, worst, feedback,
            morning switch { null => null, -1 => new NextMorning(baseline, stiffer), { } m => new NextMorning(m, stiffer) });

    private static ProgressionInput Input(int regressions = 0, double[]? weeks = null, double baseline = 3, params SessionFeedback[] sessions) =>
        new(sessions, regressions, weeks ?? [], baseline);

    public static TheoryData<string, ProgressionInput, string, DoseStep, int, Disposition> Rows => new()
    {
        { "two easy sessions in a row (worst ≤ 3, morning at baseline)",
            Input(sessions: [S(0, 2, 3), S(2, 2, 2, TooEasy)]), "progress.two_easy_sessions", DoseStep.Progress, 0, Disposition.None },
        { "worst ≤ 2 above baseline counts as easy even above 3",
            Input(sessions: [S(0, 3, 5), S(1, 3, 4)]), "progress.two_easy_sessions", DoseStep.Progress, 0, Disposition.None },
        { "next morning below baseline is fine",
            Input(sessions: [S(0, 3, 3, morning: 1), S(1, 3, 3, morning: 2)]), "progress.two_easy_sessions", DoseStep.Progress, 0, Disposition.None },
        { "sessions are read in date order, whatever order they come in",
            Input(sessions: [S(5, 2, 2), S(1, 2, 7), S(3, 2, 2)]), "progress.two_easy_sessions", DoseStep.Progress, 0, Disposition.None },
        { "only one easy session so far",
            Input(sessions: [S(0, 2, 2)]), "progress.keep_until_easy_sessions", Keep, 0, Disposition.None },
        { "no sessions yet",
            Input(), "progress.keep_until_easy_sessions", Keep, 0, Disposition.None },
        { "the latest next-morning check-in is not in yet",
            Input(sessions: [S(0, 2, 2), S(1, 2, 2, morning: null)]), "progress.keep_until_easy_sessions", Keep, 0, Disposition.None },
        { "worst 4–5 that settled by next morning keeps the dose",
            Input(sessions: [S(0, 0, 2), S(1, 0, 5)]), "progress.keep_settled", Keep, 0, Disposition.None },
        { "next morning one point above baseline is settled but not easy",
            Input(sessions: [S(0, 2, 2), S(1, 2, 2, morning: 3)]), "progress.keep_settled", Keep, 0, Disposition.None },
        { "too hard does not progress",
            Input(sessions: [S(0, 2, 2), S(1, 2, 2, TooHard)]), "progress.keep_settled", Keep, 0, Disposition.None },
        { "it hurt does not progress, even at low pain",
            Input(sessions: [S(0, 2, 2), S(1, 2, 2, Hurt)]), "progress.keep_settled", Keep, 0, Disposition.None },
        { "worst above 5 goes back for two sessions",
            Input(sessions: [S(0, 2, 2), S(1, 2, 6, morning: null)]), "progress.regress_worst_pain", Regress, 2, Disposition.None },
        { "worst above 5 regresses even when it is within 2 of a high baseline",
            Input(sessions: [S(0, 5, 5), S(1, 5, 7)]), "progress.regress_worst_pain", Regress, 2, Disposition.None },
        { "next morning 2 above baseline goes back for two sessions",
            Input(sessions: [S(0, 2, 2), S(1, 2, 3, morning: 4)]), "progress.regress_next_morning_pain", Regress, 2, Disposition.None },
        { "more morning stiffness goes back for two sessions",
            Input(sessions: [S(0, 2, 2), S(1, 2, 2, stiffer: true)]), "progress.regress_morning_stiffness", Regress, 2, Disposition.None },
        { "a second regression within 7 days holds and suggests a review, and still goes back",
            Input(regressions: 1, sessions: [S(0, 2, 6)]), "progress.review_repeated_regressions", HoldAndSuggestReview, 2, Disposition.Routine },
        { "two earlier regressions hold progression even after easy sessions",
            Input(regressions: 2, sessions: [S(0, 2, 2), S(1, 2, 2)]), "progress.review_repeated_regressions", HoldAndSuggestReview, 0, Disposition.Routine },
        { "one earlier regression and an easy session progresses as usual",
            Input(regressions: 1, sessions: [S(0, 2, 2), S(1, 2, 2)]), "progress.two_easy_sessions", DoseStep.Progress, 0, Disposition.None },
        { "weekly mean pain up 2 or more for two weeks holds and suggests a review",
            Input(weeks: [3, 5, 5.5], baseline: 3, sessions: [S(0, 2, 2), S(1, 2, 2)]), "progress.review_weekly_pain_rising", HoldAndSuggestReview, 0, Disposition.Routine },
        { "weekly mean pain up 2 for only one week does not",
            Input(weeks: [5, 3, 5], baseline: 3, sessions: [S(0, 2, 2), S(1, 2, 2)]), "progress.two_easy_sessions", DoseStep.Progress, 0, Disposition.None },
        { "weekly mean pain up less than 2 does not",
            Input(weeks: [4.9, 4.9], baseline: 3, sessions: [S(0, 2, 2), S(1, 2, 2)]), "progress.two_easy_sessions", DoseStep.Progress, 0, Disposition.None },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_condition_gives_the_next_dose_of_safety_md_section_5(
        string condition, ProgressionInput input, string ruleId, DoseStep step, int sessionsBack, Disposition disposition)
    {
        var decision = DoseProgression.Decide(input);

        decision.ShouldBe(decision with { RuleId = ruleId, Step = step, SessionsAtPreviousLevel = sessionsBack, Disposition = disposition }, condition);
        decision.Reason.ShouldNotBeNullOrWhiteSpace();
        DoseProgression.RuleIds.ShouldContain(decision.RuleId);
    }

    [Fact]
    public void Progress_says_how_much_in_plain_words()
    {
        DoseProgression.Decide(Input(sessions: [S(0, 2, 2), S(1, 2, 2)])).Reason
            .ShouldContain("about 10–20 %): 5 seconds longer holds, one more repetition or set, or the harder version");
    }

    [Fact]
    public void A_review_suggestion_asks_for_a_doctor_or_physiotherapist()
    {
        DoseProgression.Decide(Input(regressions: 2)).Reason.ShouldContain("Please book a review with a doctor or physiotherapist.");
    }

    [Fact]
    public void A_coach_can_ask_for_three_easy_sessions_before_progressing()
    {
        var settings = new ProgressionSettings { ProgressSessionsInARow = 3 };

        DoseProgression.Decide(Input(sessions: [S(0, 2, 2), S(1, 2, 2)]), settings).Step.ShouldBe(Keep);
        DoseProgression.Decide(Input(sessions: [S(0, 2, 2), S(1, 2, 2), S(2, 2, 2)]), settings).Step.ShouldBe(DoseStep.Progress);
    }

    [Fact]
    public void A_coach_can_make_regression_stricter()
    {
        var settings = new ProgressionSettings { RegressWorstPainAbove = 4, ProgressWorstPainAtMost = 2, RegressSessions = 3 };

        var decision = DoseProgression.Decide(Input(sessions: [S(0, 2, 5)]), settings);

        decision.ShouldBe(decision with { Step = Regress, SessionsAtPreviousLevel = 3, RuleId = "progress.regress_worst_pain" });
    }

    [Fact]
    public void Settings_cannot_be_looser_than_the_stop_rules()
    {
        var settings = new ProgressionSettings { RegressWorstPainAbove = 6 };

        settings.Problems().ShouldHaveSingleItem().ShouldStartWith("RegressWorstPainAbove must be 0–5");
        Should.Throw<ArgumentException>(() => DoseProgression.Decide(Input(), settings)).ParamName.ShouldBe("settings");
    }

    [Fact]
    public void The_default_settings_are_those_of_safety_md()
    {
        ProgressionSettings.Default.Problems().ShouldBeEmpty();
        ProgressionSettings.Default.ShouldBe(new ProgressionSettings
        {
            ProgressWorstPainAtMost = 3,
            ProgressAboveBaselineAtMost = 2,
            ProgressSessionsInARow = 2,
            RegressWorstPainAbove = 5,
            RegressNextMorningAboveBaseline = 2,
            RegressSessions = 2,
            ReviewRegressions = 2,
            ReviewRegressionWindowDays = 7,
            ReviewWeeklyPainRise = 2,
            ReviewWeeks = 2,
            HoldStepSeconds = 5,
            OlderAdultAge = 65,
        });
    }

    [Fact]
    public void Scores_outside_0_to_10_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DoseProgression.Decide(Input(sessions: [S(0, 2, 11)])));
        Should.Throw<ArgumentOutOfRangeException>(() => DoseProgression.Decide(Input(weeks: [-1])));
        Should.Throw<ArgumentOutOfRangeException>(() => DoseProgression.Decide(Input(regressions: -1)));
    }

    [Fact]
    public void Stretch_holds_follow_ACSM()
    {
        (StretchHold.MinimumSeconds, StretchHold.MaximumSeconds).ShouldBe((10, 30));
        (StretchHold.OlderAdultMinimumSeconds, StretchHold.OlderAdultMaximumSeconds).ShouldBe((30, 60));
        (StretchHold.MinimumRepetitions, StretchHold.MaximumRepetitions).ShouldBe((2, 4));
        (StretchHold.StrengthDaysPerWeekMinimum, StretchHold.StrengthDaysPerWeekMaximum).ShouldBe((2, 3));
        StretchHold.SecondsFor(64).ShouldBe((10, 30));
        StretchHold.SecondsFor(65).ShouldBe((30, 60));
    }

    [Theory]
    [InlineData(20, 35, 25)]
    [InlineData(28, 35, 30)]
    [InlineData(30, 35, 30)]
    [InlineData(45, 35, 45)]
    [InlineData(5, 35, 10)]
    [InlineData(20, 70, 30)]
    [InlineData(30, 70, 35)]
    [InlineData(58, 70, 60)]
    [InlineData(60, 70, 60)]
    public void A_progressed_stretch_hold_stays_within_the_ACSM_range_for_the_age(int current, int age, int next)
    {
        DoseProgression.NextHoldSeconds(current, age).ShouldBe(next);
    }

    [Fact]
    public void A_coach_can_progress_holds_by_up_to_10_seconds()
    {
        DoseProgression.NextHoldSeconds(15, 35, new ProgressionSettings { HoldStepSeconds = 10 }).ShouldBe(25);
        new ProgressionSettings { HoldStepSeconds = 15 }.Problems().ShouldHaveSingleItem();
    }

    /// <summary>Inputs on few values so that every rule comes up, sessions in any order, now and then a score out of range.</summary>
    private static readonly Gen<(ProgressionInput Input, ProgressionSettings Settings)> AnyDecision =
        from sessions in Gen.Select(Gen.Int[0, 6], Gen.Int[0, 10], Gen.Int[-1, 11], Gen.Enum<ExerciseFeedback>(),
                Gen.Frequency((3, Gen.Select(Gen.Int[0, 10], Gen.Bool).Select((pain, stiff) => (NextMorning?)new NextMorning(pain, stiff))),
                    (1, Gen.Int[0, 0].Select(_ => (NextMorning?)null))))
            .Select((day, baseline, worst, feedback, next) => new SessionFeedback(Monday.AddDays(day), baseline, worst, feedback, next))
            .List[0, 4]
        from regressions in Gen.Int[-1, 3]
        from weeks in Gen.OneOfConst(0.0, 2.5, 3.0, 5.0, 5.5, 8.0, 10.0).List[0, 4]
        from baseline in Gen.OneOfConst(0.0, 3.0, 3.5, 6.0)
        from inARow in Gen.Int[1, 3]
        from reviewWeeks in Gen.Int[1, 3]
        from reviewRegressions in Gen.Int[1, 3]
        from rise in Gen.OneOfConst(1.0, 1.5, 2.0)
        from worstAbove in Gen.Int[3, 5]
        select (new ProgressionInput(sessions, regressions, weeks, baseline), new ProgressionSettings
        {
            ProgressSessionsInARow = inARow, ReviewWeeks = reviewWeeks, ReviewRegressions = reviewRegressions,
            ReviewWeeklyPainRise = rise, RegressWorstPainAbove = worstAbove, ProgressWorstPainAtMost = Math.Min(3, worstAbove),
        });

    [Fact]
    public void A_decision_and_its_reason_are_what_they_were_when_every_reason_was_written_at_once() =>
        AnyDecision.Sample(x =>
        {
            static string Outcome(Func<ProgressionDecision> decide)
            {
                try
                {
                    return decide().ToString();
                }
                catch (ArgumentException e)
                {
                    return $"{e.GetType().Name} {e.ParamName}";
                }
            }
            Outcome(() => DoseProgression.Decide(x.Input, x.Settings))
                .ShouldBe(Outcome(() => Limber.Domain.Tests.Planning.DoseProgressionBefore.Decide(x.Input, x.Settings)));
        }, iter: 5000);

    [Fact]
    public void Usable_settings_have_no_problems_and_unusable_ones_say_which()
    {
        ProgressionSettings.Default.Problems().ShouldBeEmpty();
        new ProgressionSettings { RegressWorstPainAbove = 7, ReviewWeeks = 0 }.Problems().ShouldBe(
        [
            $"RegressWorstPainAbove must be 0–{StopRules.StopSetAbovePain}: no looser than the stop rule for pain during an exercise.",
            "ReviewWeeks must be 1 or more.",
        ]);
    }
}
