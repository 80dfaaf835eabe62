using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using static Limber.Domain.Safety.ExerciseFeedback;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Coaching;

/// <summary>
/// Dose adaptation in coaching mode (safety.md section 5): the ladder starts at the coach's dose and stops
/// <see cref="Prescription.MaxLevelsUp"/> rungs above it, while steps back stay open.
/// </summary>
public class PrescribedAdaptationTests
{
    private static readonly DateOnly Start = Monday;

    // Knee to chest: hold 30 s, 3 times on each side. For a 30-year-old the stretch range is 10–30 s (ACSM).
    private const string Stretch = "knee-to-chest";

    private static IEnumerable<int> Levels(DoseLadderRungs ladder) => Enumerable.Range(ladder.MinLevel, ladder.MaxLevel - ladder.MinLevel + 1);

    [Fact]
    public void Level_0_is_the_coachs_dose_even_where_the_catalogue_would_move_a_stretch_hold_for_the_age()
    {
        var e = Get(Stretch);
        var p = Prescription.For(e, maxLevelsUp: 3, holdSeconds: 20, reps: 2);
        foreach (var age in new int?[] { null, 30, 70 })
        {
            DoseLadder.For(e, age, null, p).At(0).ShouldBe(p.Dose);
        }
        // Without the prescription an older adult's 20-second hold would start at 30.
        DoseLadder.For(e with { Dose = p.Dose }, 70).At(0).HoldSeconds.ShouldBe(30);
    }

    [Fact]
    public void The_rungs_are_built_from_the_coachs_dose_the_same_way_as_from_the_catalogues()
    {
        // The same dose as a catalogue default gives the same rungs, up to the coach's cut.
        var bridge = Get("glute-bridge");
        var p = Prescription.For(bridge, maxLevelsUp: Prescription.MostLevelsUp, reps: 8);
        var coached = DoseLadder.For(bridge, 40, null, p);
        var asCatalogue = DoseLadder.For(bridge with { Dose = p.Dose }, 40);
        coached.Rungs.ShouldBe(asCatalogue.Rungs.Take(asCatalogue.DefaultIndex + 1 + Prescription.MostLevelsUp));
        coached.DefaultIndex.ShouldBe(asCatalogue.DefaultIndex);

        // Steps back halve the coach's 8 repetitions (to 4), not the catalogue's 10 (to 5).
        coached.At(coached.MinLevel).Reps.ShouldBe(4);
        DoseLadder.For(bridge, 40).At(DoseLadder.For(bridge, 40).MinLevel).Reps.ShouldBe(5);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void The_rungs_above_are_cut_at_max_levels_up_and_the_rungs_below_are_all_kept(int maxLevelsUp)
    {
        foreach (var e in Exercises.All)
        {
            foreach (var age in new int?[] { 30, 70 })
            {
                var full = DoseLadder.For(e, age);
                var coached = DoseLadder.For(e, age, null, Prescription.For(e, maxLevelsUp) with { Dose = full.At(0) });
                coached.MaxLevel.ShouldBe(Math.Min(maxLevelsUp, full.MaxLevel), e.Id);
                coached.MinLevel.ShouldBe(full.MinLevel, e.Id);
                foreach (var level in Levels(coached))
                {
                    coached.At(level).ShouldBe(full.At(level), $"{e.Id} age {age} level {level}");
                }
                coached.At(maxLevelsUp + 1).ShouldBe(coached.At(coached.MaxLevel), e.Id);
                coached.Prescribed.ShouldBeTrue();
            }
        }
    }

    [Fact]
    public void Max_levels_up_0_never_goes_above_the_coachs_dose()
    {
        var e = Get(Stretch);
        var ladder = DoseLadder.For(e, 30, null, Prescription.For(e, maxLevelsUp: 0, holdSeconds: 20));
        ladder.MaxLevel.ShouldBe(0);
        ladder.IsTop(0).ShouldBeTrue();
        ladder.At(5).HoldSeconds.ShouldBe(20);
        ladder.MinLevel.ShouldBeLessThan(0);
    }

    [Fact]
    public void Without_a_prescription_the_ladder_is_the_catalogues()
    {
        foreach (var e in Exercises.All)
        {
            var plain = DoseLadder.For(e, 70);
            var overload = DoseLadder.For(e, 70, null, null);
            overload.Rungs.ShouldBe(plain.Rungs, e.Id);
            overload.DefaultIndex.ShouldBe(plain.DefaultIndex, e.Id);
            overload.Prescribed.ShouldBeFalse();
            plain.Prescribed.ShouldBeFalse();
        }
    }

    [Fact]
    public void A_prescription_that_does_not_fit_the_exercise_is_refused()
    {
        var e = Get("high-knees");
        var wrong = new Prescription(e.Id, new Dose { Reps = 20 }, 1, null);
        Should.Throw<ArgumentException>(() => DoseLadder.For(e, 30, null, wrong)).Message.ShouldContain("dose.durationSeconds");
        Should.Throw<ArgumentException>(() => DoseLadder.For(Get("butt-kicks"), 30, null, Prescription.For(e)))
            .Message.ShouldContain("exerciseId");
    }

    private static ExerciseFeedbackEntry E(int day, int worst = 2, string id = Stretch) =>
        new(id, Start.AddDays(day), new DateTimeOffset(Start.AddDays(day).ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero), 2, worst, AboutRight);

    private static MorningCheckIn C(int day) => new(Start.AddDays(day), 2, 10);

    /// <summary>An easy session on each day and a settled morning after it.</summary>
    private static (ExerciseFeedbackEntry[] Feedback, MorningCheckIn[] CheckIns) Easy(params int[] days) =>
        (days.Select(d => E(d)).ToArray(), days.Select(d => C(d + 1)).ToArray());

    private static AdaptationInput Input(IEnumerable<ExerciseFeedbackEntry> feedback, IEnumerable<MorningCheckIn> checkIns, int age = 30) =>
        new([.. feedback], [.. checkIns], Start, 2, UsualMorningStiffnessMinutes: 20, age);

    private static CurrentDose Replay(AdaptationInput input, Prescription? prescription, string id = Stretch) =>
        DoseAdaptation.Replay(input, Exercises, Start.AddDays(60), null,
                prescription is null ? null : new Dictionary<string, Prescription> { [prescription.ExerciseId] = prescription })
            .Doses.Where(d => d.ExerciseId == id).ShouldHaveSingleItem();

    [Fact]
    public void Easy_sessions_progress_from_the_coachs_dose_and_stop_at_the_coachs_limit()
    {
        // A 20-second hold, twice, up at most two rungs: 25 s, then 30 s (the top of the range at 30), and no further.
        var p = Prescription.For(Get(Stretch), maxLevelsUp: 2, holdSeconds: 20, reps: 2);
        var (feedback, checkIns) = Easy(0, 1, 2, 3, 4, 5, 6, 7);

        var levels = Enumerable.Range(1, feedback.Length).Select(n => Replay(Input(feedback[..n], checkIns), p).Level).ToList();
        levels.ShouldBe([0, 1, 1, 2, 2, 2, 2, 2]);

        var top = Replay(Input(feedback, checkIns), p);
        top.Dose.ShouldBe(p.Dose with { HoldSeconds = 30 });
        top.AtTop.ShouldBeTrue();
        top.LastStep.ShouldBe(DoseStep.Keep);
        top.RuleId.ShouldBe(DoseProgression.TwoEasySessions);
        top.Reason.ShouldContain("the most your coach set");

        // The catalogue's own ladder would have gone on to a third hold (and a fourth) from its 30-second start.
        Replay(Input(feedback, checkIns), null).Dose.Reps.ShouldBe(4);
    }

    [Fact]
    public void A_step_back_still_works_at_the_coachs_limit_and_below_the_coachs_dose()
    {
        // Never above the coach's dose; two sessions with worst pain 6, eight days apart, take it two rungs down.
        var p = Prescription.For(Get(Stretch), maxLevelsUp: 0, holdSeconds: 20);
        var (easy, checkIns) = Easy(0, 1);
        ExerciseFeedbackEntry[] feedback = [.. easy, E(2, worst: 6), E(10, worst: 6)];

        Replay(Input(easy, checkIns), p).Level.ShouldBe(0);
        // Steps back take one repetition off first (3 to 2, a stretch keeps at least two), then 5 seconds off the hold.
        var afterOne = Replay(Input(feedback[..3], checkIns), p);
        afterOne.Level.ShouldBe(-1);
        afterOne.LastStep.ShouldBe(DoseStep.Regress);
        afterOne.Dose.ShouldBe(p.Dose with { Reps = 2 });
        Replay(Input(feedback, checkIns), p).Dose.ShouldBe(p.Dose with { Reps = 2, HoldSeconds = 15 });
    }

    [Fact]
    public void Without_prescriptions_or_with_prescriptions_for_other_exercises_the_replay_is_unchanged()
    {
        var (easy, checkIns) = Easy(0, 1, 2, 3, 5, 6);
        ExerciseFeedbackEntry[] feedback = [.. easy, E(4, worst: 7), E(8, id: "cat-cow"), E(9, id: "cat-cow"), E(12, worst: 6, id: "glute-bridge")];
        var input = Input(feedback, [.. checkIns, C(9), C(10)], age: 70);
        var today = Start.AddDays(30);

        static string Render(AdaptationResult r) => string.Join("\n", r.Doses) + "\n" + r.Review;
        var plain = Render(DoseAdaptation.Replay(input, Exercises, today));
        Render(DoseAdaptation.Replay(input, Exercises, today, null, null)).ShouldBe(plain);
        Render(DoseAdaptation.Replay(input, Exercises, today, null, new Dictionary<string, Prescription>())).ShouldBe(plain);
        var others = new Dictionary<string, Prescription> { ["butt-kicks"] = Prescription.For(Get("butt-kicks"), 3, durationSeconds: 20) };
        Render(DoseAdaptation.Replay(input, Exercises, today, null, others)).ShouldBe(plain);

        // And a prescription for one of them changes that one only.
        var coached = new Dictionary<string, Prescription> { ["cat-cow"] = Prescription.For(Get("cat-cow"), 0, reps: 6) };
        var result = DoseAdaptation.Replay(input, Exercises, today, null, coached);
        var before = DoseAdaptation.Replay(input, Exercises, today);
        // Two easy cat-cow sessions: from the catalogue's 10 up to 11; from the coach's 6, with no room above, it stays.
        result.Doses.Single(d => d.ExerciseId == "cat-cow").Dose.Reps.ShouldBe(6);
        before.Doses.Single(d => d.ExerciseId == "cat-cow").Dose.Reps.ShouldBe(11);
        result.Doses.Where(d => d.ExerciseId != "cat-cow").ShouldBe(before.Doses.Where(d => d.ExerciseId != "cat-cow"));
    }

    [Fact]
    public void A_prescription_that_no_longer_fits_its_exercise_is_not_used()
    {
        // Say the catalogue turned knee to chest into a timed exercise after the coach set a hold: the catalogue ladder is used.
        var (feedback, checkIns) = Easy(0, 1);
        var stale = new Prescription(Stretch, new Dose { DurationSeconds = 60 }, 0, null);
        Replay(Input(feedback, checkIns), stale).ShouldBe(Replay(Input(feedback, checkIns), null));
        Replay(Input(feedback, checkIns), null).Level.ShouldBe(1);
    }
}
