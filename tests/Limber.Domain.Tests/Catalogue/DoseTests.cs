using Limber.Domain.Catalogue;

namespace Limber.Domain.Tests.Catalogue;

public class DoseTests
{
    [Fact]
    public void A_hold_repeated_on_each_side_reads_naturally() =>
        new Dose { HoldSeconds = 30, Reps = 3, PerSide = true }.Describe().ShouldBe("Hold 30 seconds, 3 times on each side");

    [Fact]
    public void Rest_between_holds_is_mentioned() =>
        new Dose { HoldSeconds = 30, Reps = 2, PerSide = true, RestSeconds = 10 }.Describe()
            .ShouldBe("Hold 30 seconds, 2 times on each side. Rest 10 seconds between holds");

    [Fact]
    public void Holds_in_sets_name_the_sets() =>
        new Dose { HoldSeconds = 10, Reps = 10 }.Describe().ShouldBe("Hold 10 seconds, 10 times");

    [Fact]
    public void Timed_rounds_read_as_rounds() =>
        new Dose { DurationSeconds = 30, Sets = 3, RestSeconds = 15 }.Describe().ShouldBe("3 rounds of 30 seconds. Rest 15 seconds between sets");

    [Fact]
    public void A_single_timed_drill_says_keep_going() =>
        new Dose { DurationSeconds = 40 }.Describe().ShouldBe("Keep going for 40 seconds");

    [Fact]
    public void Circles_in_each_direction() =>
        new Dose { Reps = 10, PerDirection = true }.Describe().ShouldBe("10 times in each direction");

    [Fact]
    public void Reps_in_sets() =>
        new Dose { Reps = 12, Sets = 2, PerSide = true, RestSeconds = 30 }.Describe().ShouldBe("2 sets of 12 times on each side. Rest 30 seconds between sets");

    [Fact]
    public void A_single_hold_is_once() =>
        new Dose { HoldSeconds = 60 }.Describe().ShouldBe("Hold 1 minute");

    [Fact]
    public void Two_minutes_read_as_minutes() =>
        new Dose { DurationSeconds = 120 }.Describe().ShouldBe("Keep going for 2 minutes");

    [Fact]
    public void The_estimate_counts_holds_moves_sides_rests_and_set_up()
    {
        // 10 s set-up + 2 sides x 3 reps x (30 s hold + 3 s move) + 10 s to switch sides = 218 s; rests only between sets.
        var dose = new Dose { HoldSeconds = 30, Reps = 3, PerSide = true, RestSeconds = 10 };
        dose.EstimatedSeconds.ShouldBe(218);
        dose.EstimatedMinutes.ShouldBe(4);
    }

    [Fact]
    public void The_estimate_counts_rests_between_sets()
    {
        // 10 s set-up + 3 sets x 30 s + 2 rests x 15 s = 130 s.
        new Dose { DurationSeconds = 30, Sets = 3, RestSeconds = 15 }.EstimatedSeconds.ShouldBe(130);
    }

    [Fact]
    public void Directions_double_the_reps() =>
        // 10 s set-up + 10 reps x 3 s x 2 directions = 70 s.
        new Dose { Reps = 10, PerDirection = true }.EstimatedSeconds.ShouldBe(70);
}
