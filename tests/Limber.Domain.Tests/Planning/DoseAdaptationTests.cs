using CsCheck;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using static Limber.Domain.Safety.ExerciseFeedback;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Planning;

/// <summary>
/// Replaying a person's history through the dose rules (safety.md section 5), scenario by scenario with the rule id
/// each one shows, then as properties over thousands of random histories on the real catalogue.
/// </summary>
public class DoseAdaptationTests
{
    private static readonly DateOnly Start = Monday;

    // Knee to chest: hold 30 s, 3 times on each side. For a 70-year-old it climbs 35, 40 … 60 s, then 4 holds;
    // for a 30-year-old the only step up is the 4th hold.
    private const string Stretch = "knee-to-chest";
    private const string Other = "cat-cow";

    /// <summary>Feedback on day <paramref name="day"/> of the program (session at 18:00 plus <paramref name="minute"/>).</summary>
    private static ExerciseFeedbackEntry E(int day, int worst = 2, ExerciseFeedback feedback = AboutRight, string id = Stretch, int baseline = 2, int minute = 0) =>
        new(id, Start.AddDays(day), new DateTimeOffset(Start.AddDays(day).ToDateTime(new TimeOnly(18, minute)), TimeSpan.FromHours(1)),
            baseline, worst, feedback);

    /// <summary>A morning check-in on day <paramref name="day"/>; 10 minutes' stiffness is under the usual 20.</summary>
    private static MorningCheckIn C(int day, int pain = 2, int? stiffness = 10) => new(Start.AddDays(day), pain, stiffness);

    /// <summary>An easy session on each day and a settled morning after it.</summary>
    private static (ExerciseFeedbackEntry[] Feedback, MorningCheckIn[] CheckIns) Easy(params int[] days) =>
        (days.Select(d => E(d)).ToArray(), days.Select(d => C(d + 1)).ToArray());

    private static AdaptationInput Input(IEnumerable<ExerciseFeedbackEntry> feedback, IEnumerable<MorningCheckIn> checkIns, int? age = 70, int baseline = 2) =>
        new([.. feedback], [.. checkIns], Start, baseline, UsualMorningStiffnessMinutes: 20, age);

    private static AdaptationResult Replay(AdaptationInput input, int today = 60, ProgressionSettings? settings = null) =>
        DoseAdaptation.Replay(input, Exercises, Start.AddDays(today), settings);

    private static CurrentDose Dose(AdaptationResult result, string id = Stretch) =>
        result.Doses.Where(d => d.ExerciseId == id).ShouldHaveSingleItem();

    /// <summary>The level after each entry in turn: replays of the history up to and including it.</summary>
    private static List<int> LevelsAfterEach(ExerciseFeedbackEntry[] feedback, MorningCheckIn[] checkIns, int? age = 70, ProgressionSettings? settings = null) =>
        Enumerable.Range(1, feedback.Length).Select(n => Dose(Replay(Input(feedback[..n], checkIns, age), settings: settings)).Level).ToList();

    [Fact]
    public void Two_easy_sessions_that_settle_by_the_next_morning_progress_one_rung()
    {
        var (feedback, checkIns) = Easy(0, 1);
        var result = Replay(Input(feedback, checkIns), today: 2);

        var dose = Dose(result);
        dose.ShouldBe(dose with
        {
            Level = 1, LastStep = DoseStep.Progress, RuleId = DoseProgression.TwoEasySessions, ChangedOn = Start.AddDays(1),
            SessionsAtLevel = 0, SessionsLeftAtPreviousLevel = 0, AtTop = false,
        });
        dose.Dose.ShouldBe(Get(Stretch).Dose with { HoldSeconds = 35 });
        dose.Reason.ShouldContain("Hold 35 seconds, up from 30 seconds.");
        dose.Reason.ShouldEndWith($"Now: {dose.Dose.Describe()}.");
        result.PlannerDoses.ShouldBe(new Dictionary<string, Dose> { [Stretch] = dose.Dose });
        result.Review.ShouldBeNull();

        // One easy session is not yet two.
        Dose(Replay(Input(feedback[..1], checkIns), today: 2)).Level.ShouldBe(0);
    }

    [Fact]
    public void Without_the_next_mornings_check_in_the_dose_does_not_progress()
    {
        var (feedback, _) = Easy(0, 1);
        var none = Dose(Replay(Input(feedback, [])));
        none.Level.ShouldBe(0);
        none.RuleId.ShouldBe(DoseProgression.KeepUntilEasySessions);
        none.ChangedOn.ShouldBeNull();
        none.SessionsAtLevel.ShouldBe(2);

        // A check-in the same morning as the session, or two days later, is not the next morning.
        Dose(Replay(Input(feedback, [C(0), C(1), C(3)]))).Level.ShouldBe(0);
        // Nor is one dated after today.
        Dose(Replay(Input(feedback, [C(1), C(2)]), today: 1)).Level.ShouldBe(0);
        Dose(Replay(Input(feedback, [C(1), C(2)]), today: 2)).Level.ShouldBe(1);
    }

    [Fact]
    public void Worst_pain_above_5_goes_back_a_rung_and_the_next_two_sessions_stay_there_even_when_easy()
    {
        // Days 0–1 easy: up to 35 s. Day 2 worst 6: back to 30 s. Days 3–4 easy, done at 30 s; then up again.
        var (easy, checkIns) = Easy(0, 1, 3, 4);
        ExerciseFeedbackEntry[] feedback = [easy[0], easy[1], E(2, worst: 6), easy[2], easy[3]];
        MorningCheckIn[] mornings = [.. checkIns, C(3)];

        LevelsAfterEach(feedback, mornings).ShouldBe([0, 1, 0, 0, 1]);

        var afterRegression = Dose(Replay(Input(feedback[..3], mornings)));
        afterRegression.ShouldBe(afterRegression with
        {
            Level = 0, LastStep = DoseStep.Regress, RuleId = DoseProgression.RegressWorstPain, ChangedOn = Start.AddDays(2),
            SessionsLeftAtPreviousLevel = 2, SessionsAtLevel = 0,
        });
        afterRegression.Reason.ShouldContain("Hold 30 seconds, down from 35 seconds.");
        Dose(Replay(Input(feedback[..4], mornings))).SessionsLeftAtPreviousLevel.ShouldBe(1);
    }

    [Fact]
    public void A_progress_waits_until_the_sessions_owed_at_the_previous_level_are_done()
    {
        // With progress after a single easy session, the two sessions owed after a step back are what holds it.
        var settings = new ProgressionSettings { ProgressSessionsInARow = 1 };
        ExerciseFeedbackEntry[] feedback = [E(0), E(1, worst: 6), E(2), E(3)];
        MorningCheckIn[] mornings = [C(1), C(2), C(3), C(4)];

        LevelsAfterEach(feedback, mornings, settings: settings).ShouldBe([1, 0, 0, 1]);

        var held = Dose(Replay(Input(feedback[..3], mornings), settings: settings));
        held.RuleId.ShouldBe(DoseProgression.TwoEasySessions);
        held.LastStep.ShouldBe(DoseStep.Keep);
        held.SessionsLeftAtPreviousLevel.ShouldBe(1);
        held.Reason.ShouldContain("1 session more at this level");
    }

    [Fact]
    public void More_stiffness_than_usual_the_next_morning_goes_back_a_rung()
    {
        var (easy, checkIns) = Easy(0, 1);
        ExerciseFeedbackEntry[] feedback = [.. easy, E(2)];

        var stiffer = Dose(Replay(Input(feedback, [.. checkIns, C(3, stiffness: 45)])));
        stiffer.Level.ShouldBe(0);
        stiffer.RuleId.ShouldBe(DoseProgression.RegressMorningStiffness);

        // As long as usual, or not said, is not more.
        Dose(Replay(Input(feedback, [.. checkIns, C(3, stiffness: 20)]))).Level.ShouldBe(1);
        Dose(Replay(Input(feedback, [.. checkIns, C(3, stiffness: null)]))).Level.ShouldBe(1);

        // A coach may allow a margin: 45 minutes is within 30 of the usual 20.
        var lenient = new ProgressionSettings { MoreStiffMarginMinutes = 30 };
        Dose(Replay(Input(feedback, [.. checkIns, C(3, stiffness: 45)]), settings: lenient)).Level.ShouldBe(1);
        Dose(Replay(Input(feedback, [.. checkIns, C(3, stiffness: 51)]), settings: lenient)).Level.ShouldBe(0);
    }

    [Fact]
    public void Next_morning_pain_2_above_the_sessions_baseline_goes_back_a_rung()
    {
        var (easy, checkIns) = Easy(0, 1);
        ExerciseFeedbackEntry[] feedback = [.. easy, E(2, baseline: 2)];

        var worse = Dose(Replay(Input(feedback, [.. checkIns, C(3, pain: 4)])));
        worse.Level.ShouldBe(0);
        worse.RuleId.ShouldBe(DoseProgression.RegressNextMorningPain);

        // One point above is settled: keep the dose.
        var settled = Dose(Replay(Input(feedback, [.. checkIns, C(3, pain: 3)])));
        settled.Level.ShouldBe(1);
        settled.RuleId.ShouldBe(DoseProgression.KeepSettled);
    }

    [Fact]
    public void Two_check_ins_on_one_morning_count_as_the_more_cautious_reading()
    {
        var (easy, checkIns) = Easy(0, 1);
        ExerciseFeedbackEntry[] feedback = [.. easy, E(2, baseline: 2)];
        MorningCheckIn[] mornings = [.. checkIns, C(3, pain: 2), C(3, pain: 4)];

        Dose(Replay(Input(feedback, mornings))).RuleId.ShouldBe(DoseProgression.RegressNextMorningPain);
        Dose(Replay(Input(feedback, mornings.Reverse()))).RuleId.ShouldBe(DoseProgression.RegressNextMorningPain);
    }

    [Fact]
    public void Two_regressions_within_7_days_suggest_a_review_and_hold_progression()
    {
        // Up on day 1; back on day 2 (worst 6) and again on day 5; then easy sessions on days 6 and 7.
        var (easy, checkIns) = Easy(0, 1, 6, 7);
        ExerciseFeedbackEntry[] feedback = [easy[0], easy[1], E(2, worst: 6), E(5, worst: 7), easy[2], easy[3]];
        MorningCheckIn[] mornings = [.. checkIns, C(3), C(6)];

        LevelsAfterEach(feedback, mornings).ShouldBe([0, 1, 0, -1, -1, -1]);

        var result = Replay(Input(feedback, mornings), today: 8);
        var dose = Dose(result);
        dose.LastStep.ShouldBe(DoseStep.HoldAndSuggestReview);
        dose.RuleId.ShouldBe(DoseProgression.ReviewRepeatedRegressions);
        var review = result.Review.ShouldNotBeNull();
        review.RuleId.ShouldBe(DoseProgression.ReviewRepeatedRegressions);
        review.Disposition.ShouldBe(Disposition.Routine);
        review.Reason.ShouldContain("doctor or physiotherapist");
    }

    [Fact]
    public void A_review_suggestion_lapses_once_its_regressions_are_more_than_7_days_old()
    {
        ExerciseFeedbackEntry[] feedback = [E(2, worst: 6), E(5, worst: 6)];

        // Day 8: regressions on days 2 and 5 are both within the last 7 days (2–8); day 9 counts only day 5's.
        Replay(Input(feedback, []), today: 8).Review.ShouldNotBeNull();
        Replay(Input(feedback, []), today: 9).Review.ShouldBeNull();
        // Regressions 7 days apart are not within 7 days of each other; 6 days apart they are.
        var apart7 = Replay(Input([E(2, worst: 6), E(9, worst: 6)], []), today: 9);
        Dose(apart7).RuleId.ShouldBe(DoseProgression.RegressWorstPain);
        apart7.Review.ShouldBeNull();
        Dose(Replay(Input([E(2, worst: 6), E(8, worst: 6)], []), today: 8)).RuleId.ShouldBe(DoseProgression.ReviewRepeatedRegressions);
    }

    [Fact]
    public void A_regression_of_another_exercise_earlier_the_same_day_counts_towards_a_review()
    {
        ExerciseFeedbackEntry[] feedback = [E(3, worst: 6, id: Other, minute: 0), E(3, worst: 6, id: Stretch, minute: 30)];
        var result = Replay(Input(feedback, []), today: 3);

        Dose(result, Other).RuleId.ShouldBe(DoseProgression.RegressWorstPain);
        Dose(result, Stretch).RuleId.ShouldBe(DoseProgression.ReviewRepeatedRegressions);
        result.Review.ShouldNotBeNull();
        result.Doses.Select(d => d.ExerciseId).ShouldBe([Other, Stretch]);
    }

    [Fact]
    public void Weekly_mean_pain_2_above_baseline_for_two_weeks_suggests_a_review_and_holds_progression()
    {
        // Baseline 2; every morning at 4 from day 0. The sessions on days 12–13 are easy for that day, and day 13 ends
        // the second week, so its decision sees two weekly means of 4.
        MorningCheckIn[] mornings = [.. Enumerable.Range(0, 15).Select(d => C(d, pain: 4))];
        ExerciseFeedbackEntry[] feedback = [E(12, baseline: 4, worst: 3), E(13, baseline: 4, worst: 3)];

        var result = Replay(Input(feedback, mornings, baseline: 2), today: 14);
        var dose = Dose(result);
        dose.Level.ShouldBe(0);
        dose.LastStep.ShouldBe(DoseStep.HoldAndSuggestReview);
        result.Review.ShouldNotBeNull().RuleId.ShouldBe(DoseProgression.ReviewWeeklyPainRising);
        // On day 12 the second week has not ended yet.
        Dose(Replay(Input(feedback[..1], mornings, baseline: 2), today: 14)).RuleId.ShouldBe(DoseProgression.KeepUntilEasySessions);

        // One point above baseline is no rise: the same sessions progress.
        var milder = Replay(Input(feedback, mornings.Select(c => c with { Pain = 3 }), baseline: 2), today: 14);
        Dose(milder).Level.ShouldBe(1);
        milder.Review.ShouldBeNull();
    }

    [Fact]
    public void At_the_top_rung_progress_keeps_the_dose_and_says_the_harder_version_comes_later()
    {
        // For a 30-year-old, the 4th hold is the top of knee to chest.
        var (feedback, checkIns) = Easy(0, 1, 2, 3);
        LevelsAfterEach(feedback, checkIns, age: 30).ShouldBe([0, 1, 1, 1]);

        var dose = Dose(Replay(Input(feedback, checkIns, age: 30)));
        dose.AtTop.ShouldBeTrue();
        dose.Dose.ShouldBe(Get(Stretch).Dose with { Reps = 4 });
        dose.RuleId.ShouldBe(DoseProgression.TwoEasySessions);
        dose.LastStep.ShouldBe(DoseStep.Keep);
        dose.Reason.ShouldContain("harder version comes in the later weeks");
        dose.SessionsAtLevel.ShouldBe(2);
    }

    [Fact]
    public void At_the_bottom_rung_a_step_back_keeps_the_dose_and_offers_the_easier_version()
    {
        var bottom = -DoseLadder.For(Get(Stretch), 70).MinLevel;
        // A bad session, then one every 8 days (never two within 7 days) until there is nothing lower, then one more.
        var feedback = Enumerable.Range(0, bottom + 1).Select(i => E(i * 8, worst: 6)).ToArray();
        var dose = Dose(Replay(Input(feedback, []), today: 100));

        dose.Level.ShouldBe(-bottom);
        dose.LastStep.ShouldBe(DoseStep.Keep);
        dose.RuleId.ShouldBe(DoseProgression.RegressWorstPain);
        dose.Reason.ShouldContain("already the easiest dose");
    }

    [Fact]
    public void Two_sessions_on_one_day_each_count()
    {
        ExerciseFeedbackEntry[] feedback = [E(0, minute: 0), E(0, minute: 59)];
        var dose = Dose(Replay(Input(feedback, [C(1)])));
        dose.Level.ShouldBe(1);
        dose.ChangedOn.ShouldBe(Start);
    }

    [Fact]
    public void Entries_given_at_the_same_moment_are_read_in_one_order_whatever_order_they_come_in()
    {
        // The same exercise twice at 18:00 on day 2 (a double submission, say): one easy, one with worst pain 6.
        var (easy, checkIns) = Easy(0, 1);
        ExerciseFeedbackEntry[] twice = [E(2, worst: 2), E(2, worst: 6)];

        var one = Replay(Input([.. easy, .. twice], [.. checkIns, C(3)]));
        var other = Replay(Input([.. easy, .. twice.Reverse()], [.. checkIns, C(3)]));
        Render(other).ShouldBe(Render(one));
        // Scores break the tie, lowest first, so the painful one is read last.
        Dose(one).RuleId.ShouldBe(DoseProgression.RegressWorstPain);
    }

    [Fact]
    public void Feedback_for_exercises_no_longer_in_the_catalogue_is_left_out()
    {
        var (easy, checkIns) = Easy(0, 1);
        // Had the retired exercise's two bad sessions counted, they would hold progress with a review.
        ExerciseFeedbackEntry[] retired = [E(0, worst: 8, id: "retired-stretch"), E(1, worst: 8, id: "retired-stretch")];

        var result = Replay(Input([.. retired, .. easy], checkIns));
        result.Doses.ShouldHaveSingleItem().ExerciseId.ShouldBe(Stretch);
        Dose(result).Level.ShouldBe(1);
        result.Review.ShouldBeNull();
    }

    [Fact]
    public void Feedback_dated_after_today_is_left_out()
    {
        var (easy, checkIns) = Easy(0, 1);
        ExerciseFeedbackEntry[] later = [E(3, worst: 9), E(4, worst: 9), E(4, worst: 9, id: Other)];

        var result = Replay(Input([.. easy, .. later], checkIns), today: 2);
        Render(result).ShouldBe(Render(Replay(Input(easy, checkIns), today: 2)));
        Dose(result).Level.ShouldBe(1);
    }

    [Fact]
    public void Scores_outside_0_to_10_are_refused()
    {
        var (easy, checkIns) = Easy(0, 1);
        Should.Throw<ArgumentOutOfRangeException>(() => Replay(Input([E(0, worst: 11)], checkIns)));
        Should.Throw<ArgumentOutOfRangeException>(() => Replay(Input([E(0, baseline: -1)], checkIns)));
        Should.Throw<ArgumentOutOfRangeException>(() => Replay(Input(easy, [C(1, pain: 12)])));
        Should.Throw<ArgumentOutOfRangeException>(() => Replay(Input(easy, checkIns, baseline: 11)));
        Should.Throw<ArgumentOutOfRangeException>(() => Replay(Input(easy, [C(1, stiffness: -5)])));
        // Bad data is refused even where it would be left out.
        Should.Throw<ArgumentOutOfRangeException>(() => Replay(Input([E(90, worst: 11, id: "retired-stretch")], checkIns)));
    }

    [Fact]
    public void The_stiffness_margin_is_a_setting_of_0_to_60_minutes()
    {
        ProgressionSettings.Default.MoreStiffMarginMinutes.ShouldBe(0);
        new ProgressionSettings { MoreStiffMarginMinutes = 60 }.Problems().ShouldBeEmpty();
        new ProgressionSettings { MoreStiffMarginMinutes = 61 }.Problems().ShouldHaveSingleItem().ShouldContain("MoreStiffMarginMinutes");
        new ProgressionSettings { MoreStiffMarginMinutes = -1 }.Problems().ShouldHaveSingleItem().ShouldContain("MoreStiffMarginMinutes");
        Should.Throw<ArgumentException>(() => Replay(Input([], []), settings: new ProgressionSettings { MoreStiffMarginMinutes = 61 }));
    }

    [Fact]
    public void Without_feedback_there_are_no_current_doses()
    {
        var result = Replay(Input([], [C(1), C(2)]));
        result.Doses.ShouldBeEmpty();
        result.PlannerDoses.ShouldBeEmpty();
        result.Review.ShouldBeNull();
    }

    // ---- The planner and adapted doses ----

    [Fact]
    public void After_a_step_back_the_planner_never_fits_a_stretch_back_up_to_more_holds()
    {
        // A chair-only half hour has too few exercises, so fitting adds rounds and holds to fill the time.
        var profile = new PlannerProfile
        {
            Positions = [PossiblePosition.Chair], Equipment = [Equipment.Chair], MinutesPerSession = 30, Age = 70,
        };
        var plain = RoutinePlanner.Today(profile, Exercises, Start, Continue).Routine.ShouldNotBeNull();
        plain.Items.ShouldContain(i => i.Dose != i.BaseDose && Get(i.ExerciseId).Kind == ExerciseKind.Stretch && i.Dose.Reps > i.BaseDose.Reps);

        // Every exercise one rung below its default, as after a step back.
        var stepBack = Exercises.All.ToDictionary(e => e.Id, e => DoseLadder.For(e, 70).At(-1));
        var r = RoutinePlanner.Today(profile, Exercises, Start, Continue, stepBack).Routine.ShouldNotBeNull();
        foreach (var item in r.Items)
        {
            item.Origin.ShouldBe(DoseOrigin.Current);
            ShouldBeNoMoreThan(item.Dose, item.BaseDose, item.ExerciseId);
        }
    }

    [Fact]
    public void The_planner_only_ever_fits_an_adapted_dose_smaller()
    {
        Gen.Select(AnyProfile, AnyDate, Gen.Int[-3, 3], Gen.Bool).Sample(x =>
        {
            var (profile, date, level, gentle) = x;
            var current = Exercises.All.ToDictionary(e => e.Id, e => DoseLadder.For(e, profile.Age).At(level));
            if (RoutinePlanner.Today(profile, Exercises, date, gentle ? Gentle : Continue, current).Routine is not { } r)
            {
                return;
            }
            foreach (var item in r.Items.Where(i => i.Origin == DoseOrigin.Current))
            {
                item.BaseDose.ShouldBe(current[item.ExerciseId]);
                ShouldBeNoMoreThan(item.Dose, item.BaseDose, item.ExerciseId);
            }
        }, iter: 2_000);
    }

    private static void ShouldBeNoMoreThan(Dose dose, Dose ceiling, string id)
    {
        (dose.Reps ?? 1).ShouldBeLessThanOrEqualTo(ceiling.Reps ?? 1, id);
        (dose.Sets ?? 1).ShouldBeLessThanOrEqualTo(ceiling.Sets ?? 1, id);
        (dose.DurationSeconds ?? 0).ShouldBeLessThanOrEqualTo(ceiling.DurationSeconds ?? 0, id);
        dose.HoldSeconds.ShouldBe(ceiling.HoldSeconds, id);
    }

    // ---- Properties over random histories ----

    private const int Iterations = 3_000;

    private static readonly string[] Ids = [.. Exercises.All.Select(e => e.Id).Order(StringComparer.Ordinal)];

    /// <summary>A random history, the day it is replayed on and the settings, with a seed to shuffle it.</summary>
    private sealed record History(AdaptationInput Input, DateOnly Today, ProgressionSettings Settings, int Seed)
    {
        public override string ToString() =>
            $"today {Today}, age {Input.Age}, baseline {Input.BaselinePain}, usual stiffness {Input.UsualMorningStiffnessMinutes}, {Settings}\n"
            + string.Join("\n", Input.Feedback) + "\n" + string.Join("\n", Input.CheckIns);
    }

    // Each history has its person's usual pain and a share of rough days (0–30 %): on other days sessions are easy and
    // mornings settled, so that doses climb, reach the top of their ladders, step back and climb again.
    private static Gen<ExerciseFeedbackEntry> Entry(string[] pool, int usualPain, int rough) =>
        from id in Gen.OneOfConst(pool)
        from day in Gen.Int[-3, 45]
        // A few times of day only, so that entries at the same moment come up and must still be read in one order.
        from slot in Gen.Int[0, 5]
        from roll in Gen.Int[0, 99]
        from baseline in Gen.Int[usualPain, usualPain + 1]
        from worst in roll < rough ? Gen.Int[4, 10] : Gen.Int[0, 3]
        from feedback in roll < rough ? Gen.OneOfConst(Enum.GetValues<ExerciseFeedback>()) : Gen.FrequencyConst((5, AboutRight), (4, TooEasy), (1, TooHard))
        select new ExerciseFeedbackEntry(id, Start.AddDays(day),
            new DateTimeOffset(Start.AddDays(day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(7 + 2 * slot), baseline, worst, feedback);

    private static Gen<(int Pain, int? Stiffness)> Morning(int usualPain, int usualStiffness, int rough) =>
        from roll in Gen.Int[0, 99]
        from pain in roll < rough ? Gen.Int[usualPain, 10] : Gen.Int[Math.Max(0, usualPain - 2), usualPain]
        from stiffness in roll < rough ? Gen.Int[0, 90] : Gen.Int[-10, usualStiffness]
        select (pain, stiffness < 0 ? (int?)null : stiffness);

    // A check-in on most days from 3 days before the program (coverage 40–100 %), and now and then a second one.
    private static Gen<MorningCheckIn[]> CheckIns(int usualPain, int usualStiffness, int rough) =>
        from coverage in Gen.Int[40, 100]
        from days in Gen.Select(Morning(usualPain, usualStiffness, rough), Gen.Int[0, 99]).Array[50]
        from extra in Gen.Select(Morning(usualPain, usualStiffness, rough), Gen.Int[0, 49]).Array[0, 3]
        select days.Select((m, i) => (m.Item1, Day: i, Keep: m.Item2 < coverage)).Where(x => x.Keep)
            .Concat(extra.Select(m => (m.Item1, Day: m.Item2, Keep: true)))
            .Select(x => new MorningCheckIn(Start.AddDays(x.Day - 3), x.Item1.Pain, x.Item1.Stiffness))
            .ToArray();

    // Usually one to three exercises (so that each has a run of sessions), sometimes up to eight, and now and then
    // one that is no longer in the catalogue.
    private static readonly Gen<string[]> Pool =
        Gen.Frequency((3, Gen.Int[0, Ids.Length].Array[1, 3]), (1, Gen.Int[0, Ids.Length].Array[1, 8]))
            .Select(picks => picks.Select(i => i == Ids.Length ? "retired-exercise" : Ids[i]).Distinct().ToArray());

    // Half the time the defaults; otherwise what a coach might choose, such as progress after one easy session.
    private static readonly Gen<ProgressionSettings> AnySettings = Gen.Frequency(
        (1, Gen.Const(ProgressionSettings.Default)),
        (1, from inARow in Gen.Int[1, 3]
            from back in Gen.Int[1, 3]
            from regress in Gen.Int[4, 5]
            from window in Gen.Int[5, 10]
            from hold in Gen.OneOfConst(5, 10)
            from margin in Gen.Int[0, 30]
            select new ProgressionSettings
            {
                ProgressSessionsInARow = inARow, RegressSessions = back, RegressWorstPainAbove = regress,
                ReviewRegressionWindowDays = window, HoldStepSeconds = hold, MoreStiffMarginMinutes = margin,
            }));

    private static readonly Gen<History> AnyHistory =
        from pool in Pool
        from usualPain in Gen.Int[0, 5]
        from usualStiffness in Gen.Int[0, 40]
        from rough in Gen.Int[0, 30]
        from feedback in Entry(pool, usualPain, rough).Array[0, 50]
        from checkIns in CheckIns(usualPain, usualStiffness, rough)
        from baseline in Gen.Int[0, 6]
        from age in Gen.Int[0, 95]
        from today in Gen.Int[0, 50]
        from settings in AnySettings
        from seed in Gen.Int
        select new History(new AdaptationInput(feedback, checkIns, Start, baseline, usualStiffness, age < 16 ? null : age),
            Start.AddDays(today), settings, seed);

    private static AdaptationResult Replay(History h, IReadOnlyList<ExerciseFeedbackEntry>? feedback = null) =>
        DoseAdaptation.Replay(feedback is null ? h.Input : h.Input with { Feedback = feedback }, Exercises, h.Today, h.Settings);

    private static string Render(AdaptationResult r) => string.Join("\n", r.Doses) + "\n" + r.Review;

    private static T[] Shuffled<T>(IEnumerable<T> items, Random random)
    {
        var a = items.ToArray();
        random.Shuffle(a);
        return a;
    }

    [Fact]
    public void The_replay_gives_what_it_gave_when_every_decision_wrote_its_reason() =>
        AnyHistory.Sample(h => Render(Replay(h)).ShouldBe(Render(DoseAdaptationBefore.Replay(h.Input, Exercises, h.Today, h.Settings))),
            iter: Iterations);

    [Fact]
    public void The_review_in_force_alone_is_the_replays_review() =>
        AnyHistory.Sample(h => DoseAdaptation.ReviewInForce(h.Input, Exercises, h.Today, h.Settings).ShouldBe(Replay(h).Review), iter: Iterations);

    [Fact]
    public void The_same_history_in_any_order_gives_the_same_doses()
    {
        AnyHistory.Sample(h =>
        {
            var first = Render(Replay(h));
            var random = new Random(h.Seed);
            var shuffled = h.Input with { Feedback = Shuffled(h.Input.Feedback, random), CheckIns = Shuffled(h.Input.CheckIns, random) };
            Render(DoseAdaptation.Replay(shuffled, Exercises, h.Today, h.Settings)).ShouldBe(first);
            Render(Replay(h)).ShouldBe(first);
        }, iter: Iterations);
    }

    [Fact]
    public void Every_dose_is_a_rung_of_its_exercises_ladder_within_its_levels()
    {
        AnyHistory.Sample(h =>
        {
            var result = Replay(h);
            var counted = h.Input.Feedback.Where(e => e.Date <= h.Today && Exercises.Find(e.ExerciseId) is not null)
                .Select(e => e.ExerciseId).Distinct().Order(StringComparer.Ordinal);
            result.Doses.Select(d => d.ExerciseId).ShouldBe(counted);
            foreach (var d in result.Doses)
            {
                var ladder = DoseLadder.For(Get(d.ExerciseId), h.Input.Age, h.Settings);
                d.Level.ShouldBeInRange(ladder.MinLevel, ladder.MaxLevel, d.ExerciseId);
                d.Dose.ShouldBe(ladder.Rungs[d.Level + ladder.DefaultIndex], d.ExerciseId);
                d.AtTop.ShouldBe(d.Level == ladder.MaxLevel);
                d.SessionsLeftAtPreviousLevel.ShouldBeInRange(0, h.Settings.RegressSessions);
                result.PlannerDoses[d.ExerciseId].ShouldBe(d.Dose);
                DoseProgression.RuleIds.ShouldContain(d.RuleId);
                d.Reason.ShouldNotBeNullOrWhiteSpace();
                AvoidedWords().IsMatch(d.Reason).ShouldBeFalse(d.Reason);
                (d.LastStep == DoseStep.Progress).ShouldBe(d.RuleId == DoseProgression.TwoEasySessions && d.SessionsAtLevel == 0, d.Reason);
            }
            if (result.Review is { } review)
            {
                review.Step.ShouldBe(DoseStep.HoldAndSuggestReview);
                review.Disposition.ShouldBe(Disposition.Routine);
            }
        }, iter: Iterations);
    }

    [Fact]
    public void Each_entry_moves_only_its_own_exercise_and_at_most_one_rung_never_up_after_pain_above_5_or_without_a_next_morning()
    {
        AnyHistory.Sample(h =>
        {
            // The replay's order, as documented: date, time, exercise id, then the scores.
            var counted = h.Input.Feedback.Where(e => e.Date <= h.Today && Exercises.Find(e.ExerciseId) is not null)
                .OrderBy(e => e.Date).ThenBy(e => e.At).ThenBy(e => e.ExerciseId, StringComparer.Ordinal)
                .ThenBy(e => e.BaselinePain).ThenBy(e => e.WorstPain).ThenBy(e => e.Feedback)
                .ToArray();
            var mornings = h.Input.CheckIns.Where(c => c.Date <= h.Today).Select(c => c.Date).ToHashSet();
            var before = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var n = 1; n <= counted.Length; n++)
            {
                var entry = counted[n - 1];
                var after = Replay(h, counted[..n]).Doses.ToDictionary(d => d.ExerciseId, d => d.Level, StringComparer.Ordinal);
                var was = before.GetValueOrDefault(entry.ExerciseId);
                var now = after[entry.ExerciseId];

                Math.Abs(now - was).ShouldBeLessThanOrEqualTo(1, entry.ToString());
                if (entry.WorstPain > h.Settings.RegressWorstPainAbove)
                {
                    now.ShouldBeLessThanOrEqualTo(was, entry.ToString());
                }
                if (!mornings.Contains(entry.Date.AddDays(1)))
                {
                    now.ShouldBeLessThanOrEqualTo(was, entry.ToString());
                }
                if (entry.Feedback is TooHard or Hurt)
                {
                    now.ShouldBeLessThanOrEqualTo(was, entry.ToString());
                }
                foreach (var (id, level) in before)
                {
                    if (id != entry.ExerciseId)
                    {
                        after[id].ShouldBe(level, $"{id} moved on {entry}");
                    }
                }
                before = after;
            }
        }, iter: 1_500);
    }

    [Fact]
    public void A_review_is_only_in_force_while_its_condition_holds_today()
    {
        AnyHistory.Sample(h =>
        {
            var result = Replay(h);
            if (result.Review is not { } review)
            {
                return;
            }
            // Judged again a week and a day later, with nothing new, a review for repeated regressions has lapsed.
            var later = DoseAdaptation.Replay(h.Input, Exercises, h.Today.AddDays(h.Settings.ReviewRegressionWindowDays + 1), h.Settings);
            if (review.RuleId == DoseProgression.ReviewRepeatedRegressions && h.Input.Feedback.All(e => e.Date <= h.Today))
            {
                later.Review?.RuleId.ShouldNotBe(DoseProgression.ReviewRepeatedRegressions);
            }
        }, iter: Iterations);
    }
}
