using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Safety;

/// <summary>safety.md section 1: what each disposition means and what happens to routines.</summary>
public class DispositionAdviceTests
{
    [Theory]
    [InlineData(Disposition.Emergency, "outcome.emergency", RoutineAccess.LockedUntilCleared, "emergency")]
    [InlineData(Disposition.Urgent, "outcome.urgent", RoutineAccess.PausedUntilSeen, "24–48 hours")]
    [InlineData(Disposition.Routine, "outcome.routine", RoutineAccess.GentleOptionsFirst, "book an appointment")]
    [InlineData(Disposition.None, "outcome.none", RoutineAccess.Continue, "carry on")]
    public void Each_disposition_has_its_words_and_routine_gate(Disposition disposition, string ruleId, RoutineAccess routines, string words)
    {
        var outcome = DispositionAdvice.For(disposition);

        outcome.ShouldBe(outcome with { RuleId = ruleId, Disposition = disposition, Routines = routines });
        outcome.WhatToDo.ShouldContain(words, Case.Insensitive);
    }

    [Fact]
    public void No_warning_signs_is_said_as_no_warning_signs_reported()
    {
        DispositionAdvice.For(Disposition.None).Heading.ShouldBe("No warning signs reported");
    }

    [Fact]
    public void A_more_serious_disposition_never_gives_freer_access_to_routines()
    {
        var access = Enum.GetValues<Disposition>().Order().Select(d => DispositionAdvice.For(d).Routines).ToList();

        access.ShouldBe(access.Order().ToList());
        access.ShouldBeUnique();
    }

    [Fact]
    public void Dispositions_are_ordered_none_routine_urgent_emergency()
    {
        Enum.GetValues<Disposition>().ShouldBe([Disposition.None, Disposition.Routine, Disposition.Urgent, Disposition.Emergency]);
        (Disposition.Emergency > Disposition.Urgent && Disposition.Urgent > Disposition.Routine && Disposition.Routine > Disposition.None).ShouldBeTrue();
    }
}
