using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Safety;

/// <summary>safety.md sections 1 and 3: whether routines may run, from every screen the person has had.</summary>
public class RoutineGateTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static GatedScreen Screen(Disposition disposition, int daysLater = 0, ReferralConfirmationKind? confirmed = null) =>
        new(Guid.NewGuid(), Monday.AddDays(daysLater), disposition, confirmed);

    [Fact]
    public void With_no_screen_routines_wait_for_the_first_one()
    {
        var gate = RoutineGate.Evaluate([]);

        gate.RoutinesAllowed.ShouldBeFalse();
        gate.RuleId.ShouldBe(ScreenSchedule.BeforeFirstRoutine);
    }

    [Theory]
    [InlineData(Disposition.None, RoutineAccess.Continue, "outcome.none")]
    [InlineData(Disposition.Routine, RoutineAccess.GentleOptionsFirst, "outcome.routine")]
    [InlineData(Disposition.Urgent, RoutineAccess.PausedUntilSeen, "outcome.urgent")]
    [InlineData(Disposition.Emergency, RoutineAccess.LockedUntilCleared, "outcome.emergency")]
    public void One_screen_gives_its_outcome_s_gate(Disposition disposition, RoutineAccess access, string ruleId)
    {
        var screen = Screen(disposition);

        var gate = RoutineGate.Evaluate([screen]);

        gate.Access.ShouldBe(access);
        gate.RuleId.ShouldBe(ruleId);
        gate.HoldingScreenId.ShouldBe(access >= RoutineAccess.PausedUntilSeen ? screen.Id : null);
    }

    [Fact]
    public void An_emergency_stays_locked_when_the_person_only_says_they_were_seen()
    {
        var gate = RoutineGate.Evaluate([Screen(Disposition.Emergency, confirmed: ReferralConfirmationKind.Seen)]);

        gate.Access.ShouldBe(RoutineAccess.LockedUntilCleared);
    }

    [Fact]
    public void An_emergency_unlocks_when_the_person_confirms_they_were_cleared_to_exercise_and_starts_gently()
    {
        var gate = RoutineGate.Evaluate([Screen(Disposition.Emergency, confirmed: ReferralConfirmationKind.ClearedToExercise)]);

        gate.Access.ShouldBe(RoutineAccess.GentleOptionsFirst);
        gate.RoutinesAllowed.ShouldBeTrue();
    }

    [Theory]
    [InlineData(ReferralConfirmationKind.Seen)]
    [InlineData(ReferralConfirmationKind.ClearedToExercise)]
    public void An_urgent_pause_lifts_when_the_person_confirms_they_were_seen(ReferralConfirmationKind kind)
    {
        var gate = RoutineGate.Evaluate([Screen(Disposition.Urgent, confirmed: kind)]);

        gate.Access.ShouldBe(RoutineAccess.GentleOptionsFirst);
    }

    [Theory]
    [InlineData(Disposition.Emergency, RoutineAccess.LockedUntilCleared)]
    [InlineData(Disposition.Urgent, RoutineAccess.PausedUntilSeen)]
    public void A_later_screen_with_no_warning_signs_never_lifts_an_unconfirmed_lock_or_pause(Disposition earlier, RoutineAccess access)
    {
        var held = Screen(earlier);

        var gate = RoutineGate.Evaluate([held, Screen(Disposition.None, daysLater: 1)]);

        gate.Access.ShouldBe(access);
        gate.HoldingScreenId.ShouldBe(held.Id);
    }

    [Fact]
    public void A_lock_wins_over_a_pause_whichever_came_first()
    {
        var locked = Screen(Disposition.Emergency, daysLater: 0);
        var paused = Screen(Disposition.Urgent, daysLater: 2);

        RoutineGate.Evaluate([paused, locked]).HoldingScreenId.ShouldBe(locked.Id);
    }

    [Fact]
    public void Once_everything_is_confirmed_the_latest_screen_decides()
    {
        var gate = RoutineGate.Evaluate(
        [
            Screen(Disposition.Emergency, daysLater: 0, confirmed: ReferralConfirmationKind.ClearedToExercise),
            Screen(Disposition.None, daysLater: 10),
        ]);

        gate.Access.ShouldBe(RoutineAccess.Continue);
    }

    [Fact]
    public void More_screens_never_give_freer_access_than_the_unconfirmed_worst_of_them()
    {
        // Property over every pair of outcomes, unconfirmed: the gate is at least as strict as either alone.
        foreach (var first in Enum.GetValues<Disposition>())
        {
            foreach (var second in Enum.GetValues<Disposition>())
            {
                var a = Screen(first);
                var b = Screen(second, daysLater: 1);
                var both = RoutineGate.Evaluate([a, b]).Access;
                var worstHeld = new[] { first, second }
                    .Where(d => d is Disposition.Emergency or Disposition.Urgent)
                    .Select(d => DispositionAdvice.For(d).Routines)
                    .DefaultIfEmpty(RoutineAccess.Continue)
                    .Max();
                ((int)both).ShouldBeGreaterThanOrEqualTo((int)worstHeld, $"{first} then {second}");
            }
        }
    }

    [Theory]
    [InlineData(Disposition.Emergency, ReferralConfirmationKind.ClearedToExercise)]
    [InlineData(Disposition.Urgent, ReferralConfirmationKind.Seen)]
    [InlineData(Disposition.Routine, null)]
    [InlineData(Disposition.None, null)]
    public void Each_outcome_asks_for_the_confirmation_safety_md_names(Disposition disposition, ReferralConfirmationKind? needed)
    {
        RoutineGate.ConfirmationNeeded(disposition).ShouldBe(needed);
    }
}
