using System.Text.RegularExpressions;
using Limber.Domain.Guides;
using Limber.Domain.Planning;

namespace Limber.Domain.Tests.Guides;

/// <summary>Which guides Limber suggests, and why, from the profile and the latest check-in.</summary>
public partial class GuideSuggestionsTests
{
    [GeneratedRegex(@"all[\s-]+clear|\btreat|\bcur(e|es|ed|ing)\b|\breliev|\brelief\b|\bdiagnos|clinically proven", RegexOptions.IgnoreCase)]
    private static partial Regex Avoided();

    private static List<string> Ids(PlannerProfile? profile, GuideCheckIn? checkIn = null) =>
        GuideSuggestions.For(profile, checkIn).Select(s => s.GuideId).ToList();

    [Fact]
    public void Nothing_is_suggested_without_a_reason()
    {
        GuideSuggestions.For(null).ShouldBeEmpty();
        GuideSuggestions.For(new PlannerProfile()).ShouldBeEmpty();
    }

    [Fact]
    public void Stiff_mornings_suggest_warmth_before_stretching()
    {
        var suggestion = GuideSuggestions.For(new PlannerProfile { MorningStiffnessMinutes = 30 }).ShouldHaveSingleItem();
        suggestion.GuideId.ShouldBe(GuideIds.HeatOrIce);
        suggestion.Reason.ShouldStartWith("Your mornings are stiff");
        suggestion.Reason.ShouldContain("warmth before stretching");
    }

    [Fact]
    public void Stiffness_on_waking_suggests_heat_and_sleeping_positions() =>
        Ids(new PlannerProfile { Triggers = [Trigger.OnWaking] }).ShouldBe([GuideIds.HeatOrIce, GuideIds.SleepingPositions]);

    // PlannerProfile.StiffMorningMinutes is 15: 14 minutes is not a stiff morning, 15 is.
    [Theory]
    [InlineData(14, false)]
    [InlineData(15, true)]
    public void A_check_in_with_a_stiff_morning_suggests_heat(int minutes, bool suggested) =>
        Ids(new PlannerProfile(), new GuideCheckIn { MorningStiffnessMinutes = minutes }).Contains(GuideIds.HeatOrIce).ShouldBe(suggested);

    [Fact]
    public void Long_sitting_suggests_the_chair_set_up_and_everyday_movement() =>
        Ids(new PlannerProfile { SittingHours = 8 }).ShouldBe([GuideIds.ChairAndLumbarRoll, GuideIds.EverydayMovement]);

    [Fact]
    public void Lifting_suggests_the_lifting_guide() =>
        Ids(new PlannerProfile { Lifting = true }).ShouldBe([GuideIds.Lifting]);

    [Fact]
    public void Running_suggests_foam_rolling() =>
        Ids(new PlannerProfile { Running = true }).ShouldBe([GuideIds.MassageAndFoamRolling]);

    [Fact]
    public void What_was_done_for_it_suggests_the_matching_guide()
    {
        Ids(null, new GuideCheckIn { WhatHelped = ["ice"] }).ShouldBe([GuideIds.HeatOrIce]);
        Ids(null, new GuideCheckIn { WhatHelped = ["sleepingPosition"] }).ShouldBe([GuideIds.SleepingPositions]);
        Ids(null, new GuideCheckIn { WhatHelped = ["lumbarRoll"] }).ShouldBe([GuideIds.ChairAndLumbarRoll]);
        Ids(null, new GuideCheckIn { WhatHelped = ["swim"] }).ShouldBe([GuideIds.EverydayMovement]);
        Ids(null, new GuideCheckIn { WhatHelped = ["foamRoller"] }).ShouldBe([GuideIds.MassageAndFoamRolling]);
        Ids(null, new GuideCheckIn { WhatHelped = ["somethingElse"] }).ShouldBeEmpty();
    }

    [Fact]
    public void A_warning_sign_in_the_check_in_puts_when_to_see_a_doctor_first()
    {
        var suggestions = GuideSuggestions.For(new PlannerProfile { MorningStiffnessMinutes = 60, SittingHours = 9 },
            new GuideCheckIn { LegSymptoms = true, BladderOrBowelChange = true });
        suggestions[0].GuideId.ShouldBe(GuideIds.WhenToSeeADoctor);
        suggestions[0].Reason.ShouldContain("pain, tingling or weakness going down a leg and a change in bladder or bowel control");
        suggestions[0].Reason.ShouldContain("warning-sign questions");
    }

    [Fact]
    public void Each_guide_is_suggested_once_with_the_first_reason_that_applies()
    {
        var suggestions = GuideSuggestions.For(new PlannerProfile { MorningStiffnessMinutes = 40 }, new GuideCheckIn { WhatHelped = ["heat"] });
        suggestions.ShouldHaveSingleItem().Reason.ShouldStartWith("Your mornings are stiff");
    }

    [Fact]
    public void Magnesium_is_never_suggested_from_symptoms()
    {
        var everything = new PlannerProfile
        {
            MorningStiffnessMinutes = 90, SittingHours = 10, Lifting = true, Running = true, StandingWork = true, BaselinePain = 8,
            Triggers = Enum.GetValues<Trigger>(),
        };
        var checkIn = new GuideCheckIn
        {
            MorningStiffnessMinutes = 90, LegSymptoms = true, Numbness = true, BladderOrBowelChange = true,
            WhatHelped = ["heat", "ice", "walk", "swim", "yoga", "foamRoller", "massage", "lumbarRoll", "sleepingPosition"],
        };
        var ids = Ids(everything, checkIn);
        ids.ShouldNotContain(GuideIds.MagnesiumRichFoods);
        ids.ShouldBe(GuideIds.All.Where(id => id != GuideIds.MagnesiumRichFoods), ignoreOrder: true);
        ids.ShouldBeUnique();
    }

    [Fact]
    public void The_same_answers_give_the_same_suggestions() =>
        Ids(new PlannerProfile { SittingHours = 7, Lifting = true, Triggers = [Trigger.AtNight] })
            .ShouldBe(Ids(new PlannerProfile { SittingHours = 7, Lifting = true, Triggers = [Trigger.AtNight] }));

    [Fact]
    public void No_reason_uses_words_Limber_avoids()
    {
        var profiles = new[]
        {
            new PlannerProfile { MorningStiffnessMinutes = 90, SittingHours = 10, Lifting = true, Running = true, StandingWork = true, Triggers = Enum.GetValues<Trigger>() },
            new PlannerProfile { Triggers = [Trigger.AtNight] },
        };
        var checkIns = new[]
        {
            new GuideCheckIn { LegSymptoms = true, Numbness = true, BladderOrBowelChange = true, WhatHelped = ["heat", "walk", "massage", "lumbarRoll", "sleepingPosition"] },
            new GuideCheckIn { Numbness = true },
        };
        var reasons = profiles.SelectMany(p => checkIns.SelectMany(c => GuideSuggestions.For(p, c))).Select(s => s.Reason).ToList();
        reasons.Count.ShouldBeGreaterThan(8);
        reasons.Where(r => Avoided().IsMatch(r)).ShouldBeEmpty();
    }
}
