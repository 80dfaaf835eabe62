using Limber.Domain.Catalogue;
using Limber.Domain.Coaching;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using static Limber.Domain.Tests.Planning.PlanningData;

namespace Limber.Domain.Tests.Coaching;

/// <summary>Today's routine from a coach's program, for each safety decision, against the real catalogue.</summary>
public class CoachedRoutinePlannerTests
{
    /// <summary>Every position and every piece of equipment, no limitations: nothing is left out for the profile's sake.</summary>
    private static readonly PlannerProfile Anyone = new()
    {
        Positions = Enum.GetValues<PossiblePosition>(),
        Equipment = Enum.GetValues<Equipment>(),
    };

    private static Prescription P(string id, int maxLevelsUp = 2, string? note = null, int? hold = null, int? reps = null, int? sets = null, int? duration = null) =>
        Prescription.For(Get(id), maxLevelsUp, note, hold, reps, sets, duration);

    /// <summary>Strength, stretch, warm-up, mobility, strength, stretch: the coach's order mixes the parts.</summary>
    private static readonly Prescription[] Program =
    [
        P("glute-bridge", 4, "Squeeze to lift.", reps: 8),
        P("knee-to-chest", 2, hold: 20),
        P("high-knees", 1, duration: 30),
        P("cat-cow", 3, "Move with your breath."),
        P("clamshell", 3),
        P("seated-forward-bend", 2),
    ];

    private static RoutinePlan Plan(IReadOnlyList<Prescription> items, SafetyDecision safety, PlannerProfile? profile = null,
        IReadOnlyDictionary<string, Dose>? current = null) =>
        CoachedRoutinePlanner.Today(items, profile ?? Anyone, Exercises, Monday, safety, current);

    private static Routine Planned(IReadOnlyList<Prescription> items, SafetyDecision safety, PlannerProfile? profile = null,
        IReadOnlyDictionary<string, Dose>? current = null)
    {
        var plan = Plan(items, safety, profile, current);
        plan.Outcome.ShouldBe(PlanOutcome.Planned, plan.Message);
        return plan.Routine.ShouldNotBeNull();
    }

    [Fact]
    public void A_withheld_routine_plans_nothing_and_gives_the_gates_reason()
    {
        foreach (var gate in WithheldGates())
        {
            var safety = SafetyDecision.From(gate);
            safety.Kind.ShouldBe(SafetyDecisionKind.NoRoutine);
            var plan = Plan(Program, safety);
            plan.Outcome.ShouldBe(PlanOutcome.Withheld);
            plan.Routine.ShouldBeNull();
            plan.Message.ShouldBe(gate.Reason);
        }
    }

    [Fact]
    public void A_screen_that_is_due_again_withholds_the_coachs_routine_too()
    {
        // A program running, last asked 8 days ago: the weekly emergency questions come first.
        var due = ScreenSchedule.Due(new ScreenHistory(Monday.AddDays(-8), null, AnswersEdited: false, ProgramActive: true), Monday);
        due.Scope.ShouldBe(ScreenScope.EmergencyItems);
        var safety = SafetyDecision.From(Gate(RoutineAccess.Continue), due);
        safety.Kind.ShouldBe(SafetyDecisionKind.NoRoutine);
        var plan = Plan(Program, safety);
        plan.Outcome.ShouldBe(PlanOutcome.Withheld);
        plan.Message.ShouldBe(due.Reason);
    }

    [Fact]
    public void With_continue_every_item_is_planned_at_the_coachs_dose_by_part_in_the_coachs_order()
    {
        var r = Planned(Program, Continue);

        r.Sections.Select(s => s.Part).ShouldBe(Enum.GetValues<RoutinePart>());
        string[] Ids(RoutinePart part) => [.. r.Sections.Single(s => s.Part == part).Items.Select(i => i.ExerciseId)];
        Ids(RoutinePart.WarmUp).ShouldBe(["high-knees"]);
        Ids(RoutinePart.MobilityAndStretching).ShouldBe(["knee-to-chest", "cat-cow", "seated-forward-bend"]);
        Ids(RoutinePart.Strengthening).ShouldBe(["glute-bridge", "clamshell"]);
        Ids(RoutinePart.CoolDown).ShouldBeEmpty();

        foreach (var item in r.Items)
        {
            var p = Program.Single(x => x.ExerciseId == item.ExerciseId);
            item.Dose.ShouldBe(p.Dose, item.ExerciseId);
            item.BaseDose.ShouldBe(p.Dose, item.ExerciseId);
            item.Origin.ShouldBe(DoseOrigin.Prescribed);
            item.Reason.ShouldBe("Your coach chose this.");
            item.CoachNote.ShouldBe(p.Note);
        }
        r.Items.Single(i => i.ExerciseId == "glute-bridge").Dose.Reps.ShouldBe(8);
        r.Items.Single(i => i.ExerciseId == "knee-to-chest").Dose.HoldSeconds.ShouldBe(20);

        r.Notes.ShouldBeEmpty();
        r.GentleOptionsOnly.ShouldBeFalse();
        r.Emphases.ShouldBeEmpty();
        r.Session.ShouldBe(1);
        r.Date.ShouldBe(Monday);
        r.Fit.ShouldBe(TimeFit.WithinTenPercent);
    }

    [Fact]
    public void Seconds_count_each_dose_and_a_transition_before_every_item_but_the_first_and_minutes_round_up()
    {
        var r = Planned(Program, Continue);
        var items = r.Items.ToList();
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Seconds.ShouldBe(RoutineClock.DoseSeconds(items[i].Dose) + (i == 0 ? 0 : RoutineClock.TransitionSeconds), items[i].ExerciseId);
        }
        r.TotalSeconds.ShouldBe(items.Sum(i => i.Seconds));
        r.TargetMinutes.ShouldBe((int)Math.Ceiling(r.TotalSeconds / 60.0));

        // One 35-second drill: a whole minute.
        var one = Planned([P("high-knees", 0)], Continue);
        one.TotalSeconds.ShouldBe(RoutineClock.DoseSeconds(Get("high-knees").Dose));
        one.TargetMinutes.ShouldBe(1);
    }

    [Fact]
    public void Current_doses_from_adaptation_replace_the_coachs_dose()
    {
        var current = new Dictionary<string, Dose> { ["cat-cow"] = Get("cat-cow").Dose with { Reps = 12 } };
        var r = Planned(Program, Continue, current: current);
        var item = r.Items.Single(i => i.ExerciseId == "cat-cow");
        item.Dose.Reps.ShouldBe(12);
        item.Origin.ShouldBe(DoseOrigin.Current);
        r.Items.Where(i => i.ExerciseId != "cat-cow").ShouldAllBe(i => i.Origin == DoseOrigin.Prescribed);
    }

    [Fact]
    public void With_gentle_options_first_harder_items_become_their_gentle_variant_at_its_starting_dose()
    {
        var r = Planned(Program, Gentle, Anyone with { Age = 70 });
        r.GentleOptionsOnly.ShouldBeTrue();

        // The glute bridge (difficulty 2) becomes the pelvic tilt, its easier variant, at the tilt's own starting dose.
        var tilt = r.Items.Single(i => i.ExerciseId == "pelvic-tilt");
        tilt.Dose.ShouldBe(Get("pelvic-tilt").Dose);
        tilt.Origin.ShouldBe(DoseOrigin.CatalogueDefault);
        tilt.Part.ShouldBe(RoutinePart.MobilityAndStretching);
        tilt.Reason.ShouldContain("Your coach chose Glute bridge");
        tilt.CoachNote.ShouldBe("Squeeze to lift.");

        // High knees (difficulty 2) has no easier variant: left out, and the note names it.
        r.Items.ShouldNotContain(i => i.ExerciseId == "high-knees");
        r.Notes.ShouldContain(n => n.StartsWith("High knees is left out", StringComparison.Ordinal) && n.Contains("gentle", StringComparison.Ordinal));

        r.Items.ShouldAllBe(i => Get(i.ExerciseId).Difficulty == 1);
        r.Sections.Single(s => s.Part == RoutinePart.MobilityAndStretching).Items.Select(i => i.ExerciseId)
            .ShouldBe(["pelvic-tilt", "knee-to-chest", "cat-cow", "seated-forward-bend"]);
    }

    [Fact]
    public void With_gentle_options_first_no_dose_is_larger_than_the_starting_dose()
    {
        // For a 70-year-old the seated forward bend starts at 30 s (ACSM 30–60 s); the coach's 20-second hold is kept as smaller.
        Prescription[] items =
        [
            P("cat-cow", reps: 15),                  // more than the catalogue's 10: brought down to 10
            P("knee-to-chest", hold: 45, reps: 2),   // a longer hold, fewer holds: each brought to no more than the start
            P("seated-forward-bend", hold: 20),
        ];
        var current = new Dictionary<string, Dose> { ["clamshell"] = Get("clamshell").Dose with { Reps = 15, Sets = 3 } };
        var r = Planned([.. items, P("clamshell")], Gentle, Anyone with { Age = 70 }, current);

        r.Items.Single(i => i.ExerciseId == "cat-cow").Dose.ShouldBe(Get("cat-cow").Dose);
        r.Items.Single(i => i.ExerciseId == "cat-cow").Origin.ShouldBe(DoseOrigin.CatalogueDefault);
        var knee = r.Items.Single(i => i.ExerciseId == "knee-to-chest");
        knee.Dose.ShouldBe(Get("knee-to-chest").Dose with { HoldSeconds = 30, Reps = 2 });
        knee.Origin.ShouldBe(DoseOrigin.Prescribed);
        r.Items.Single(i => i.ExerciseId == "seated-forward-bend").Dose.HoldSeconds.ShouldBe(20);
        r.Items.Single(i => i.ExerciseId == "clamshell").Dose.ShouldBe(Get("clamshell").Dose);

        // The same program with continue keeps every dose the coach or adaptation set.
        var open = Planned([.. items, P("clamshell")], Continue, Anyone with { Age = 70 }, current);
        open.Items.Single(i => i.ExerciseId == "cat-cow").Dose.Reps.ShouldBe(15);
        open.Items.Single(i => i.ExerciseId == "clamshell").Dose.Sets.ShouldBe(3);
    }

    [Fact]
    public void A_gentle_variant_is_one_the_person_can_do_and_is_not_planned_twice()
    {
        // Air squat's easier variants need a chair (sit-to-stand) or a wall (wall slide): with only a wall, the wall slide.
        var wallOnly = Anyone with { Equipment = [Equipment.Wall] };
        Planned([P("air-squat")], Gentle, wallOnly).Items.Single().ExerciseId.ShouldBe("wall-slide");

        // With neither, it is left out, and nothing else is left: nothing fits, and the message says why.
        var plan = Plan([P("air-squat")], Gentle, Anyone with { Equipment = [] });
        plan.Outcome.ShouldBe(PlanOutcome.NothingFits);
        plan.Routine.ShouldBeNull();
        plan.Message.ShouldContain("Air squat is left out");

        // The glute bridge's gentle variant is the pelvic tilt, already in the program: it is done once.
        var r = Planned([P("pelvic-tilt"), P("glute-bridge")], Gentle);
        r.Items.Select(i => i.ExerciseId).ShouldBe(["pelvic-tilt"]);
        r.Notes.ShouldHaveSingleItem().ShouldContain("Glute bridge is left out");
        r.Notes[0].ShouldContain("Pelvic tilt, is already in today's routine");
    }

    [Fact]
    public void Items_whose_skip_conditions_match_the_profile_are_left_out_with_a_note_naming_them()
    {
        // Child's pose: skip with knee pain. Cat-cow: skip when you cannot get down to the floor or kneel.
        var kneePain = Anyone with { Limitations = [SkipCondition.KneePain] };
        var r = Planned([P("childs-pose"), P("cat-cow"), P("clamshell")], Continue, kneePain);
        r.Items.Select(i => i.ExerciseId).ShouldBe(["cat-cow", "clamshell"]);
        r.Notes.ShouldBe(["Child's pose is left out: it is not advised when your knees hurt when you kneel or bend them deeply."]);

        var standingOnly = Anyone with { Positions = [PossiblePosition.Standing, PossiblePosition.Chair] };
        var chair = Planned([P("cat-cow"), P("seated-cat-cow")], Continue, standingOnly);
        chair.Items.Select(i => i.ExerciseId).ShouldBe(["seated-cat-cow"]);
        chair.Notes.ShouldHaveSingleItem().ShouldStartWith("Cat-cow is left out: it is not advised when you cannot get down to the floor");
    }

    [Fact]
    public void Items_the_person_lacks_the_equipment_or_position_for_are_left_out_with_a_note()
    {
        var noChair = Anyone with { Equipment = [] };
        var r = Planned([P("seated-cat-cow"), P("pelvic-tilt")], Continue, noChair);
        r.Items.Select(i => i.ExerciseId).ShouldBe(["pelvic-tilt"]);
        r.Notes.ShouldBe(["Seated cat-cow is left out: it needs a chair, which is not in the equipment you listed."]);

        // Standing only: the seated rotation (no skip condition) starts in a chair.
        var standing = Anyone with { Positions = [PossiblePosition.Standing] };
        var s = Planned([P("seated-rotation"), P("hip-circles")], Continue, standing);
        s.Items.Select(i => i.ExerciseId).ShouldBe(["hip-circles"]);
        s.Notes.ShouldBe(["Seated rotation is left out: it starts sitting in a chair, a position you said you cannot get into."]);
    }

    [Fact]
    public void Items_no_longer_in_the_catalogue_or_whose_dose_no_longer_fits_are_left_out_with_a_note()
    {
        var retired = new Prescription("retired-stretch", new Dose { HoldSeconds = 30, Reps = 2 }, 1, "Gone.");
        var stale = new Prescription("cat-cow", new Dose { DurationSeconds = 60 }, 1, null);
        var r = Planned([retired, stale, P("pelvic-tilt")], Continue);
        r.Items.Select(i => i.ExerciseId).ShouldBe(["pelvic-tilt"]);
        r.Notes.Count.ShouldBe(2);
        r.Notes[0].ShouldContain("\"retired-stretch\" is left out: it is no longer in the exercise library");
        r.Notes[1].ShouldStartWith("Cat-cow is left out: the dose your coach set no longer matches");
    }

    [Fact]
    public void An_exercise_listed_twice_is_done_once()
    {
        var r = Planned([P("cat-cow", note: "First."), P("cat-cow", note: "Second.")], Continue);
        r.Items.ShouldHaveSingleItem().CoachNote.ShouldBe("First.");
        r.Notes.ShouldBe(["Cat-cow is in your program more than once, so it is done once."]);
    }

    [Fact]
    public void An_empty_program_or_one_where_nothing_is_left_plans_nothing_and_says_why()
    {
        var empty = Plan([], Continue);
        empty.Outcome.ShouldBe(PlanOutcome.NothingFits);
        empty.Routine.ShouldBeNull();
        empty.Message.ShouldContain("not chosen any exercises");

        var floorOnly = Plan([P("cat-cow"), P("clamshell")], Continue, Anyone with { Positions = [PossiblePosition.Chair] });
        floorOnly.Outcome.ShouldBe(PlanOutcome.NothingFits);
        floorOnly.Message.ShouldContain("Cat-cow is left out");
        floorOnly.Message.ShouldContain("Clamshell is left out");
    }

    [Fact]
    public void Blank_notes_are_no_note_and_notes_are_trimmed()
    {
        var r = Planned([P("cat-cow", note: "   "), P("pelvic-tilt", note: "  Slowly. ")], Continue);
        r.Items.Select(i => i.CoachNote).ShouldBe([null, "Slowly."]);
    }

    [Fact]
    public void The_same_inputs_always_give_the_same_plan()
    {
        Render(Plan(Program, Gentle)).ShouldBe(Render(Plan(Program, Gentle)));
        Render(Plan(Program, Continue)).ShouldBe(Render(Plan([.. Program], Continue)));
    }

    [Fact]
    public void Missing_arguments_and_profiles_outside_onboarding_are_refused()
    {
        Should.Throw<ArgumentNullException>(() => CoachedRoutinePlanner.Today(null!, Anyone, Exercises, Monday, Continue));
        Should.Throw<ArgumentNullException>(() => CoachedRoutinePlanner.Today([null!], Anyone, Exercises, Monday, Continue));
        Should.Throw<ArgumentNullException>(() => CoachedRoutinePlanner.Today(Program, Anyone, Exercises, Monday, null!));
        Should.Throw<ArgumentOutOfRangeException>(() => CoachedRoutinePlanner.Today(Program, Anyone with { MinutesPerSession = 7 }, Exercises, Monday, Continue));
    }
}
