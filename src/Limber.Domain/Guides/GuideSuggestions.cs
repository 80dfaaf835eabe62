using Limber.Domain.Planning;

namespace Limber.Domain.Guides;

/// <summary>The ids of the guides in content/guides that code links to; a test keeps each one in the content.</summary>
public static class GuideIds
{
    public const string HeatOrIce = "heat-or-ice";
    public const string SleepingPositions = "sleeping-positions";
    public const string ChairAndLumbarRoll = "chair-and-lumbar-roll";
    public const string EverydayMovement = "everyday-movement";
    public const string Lifting = "lifting";
    public const string MagnesiumRichFoods = "magnesium-rich-foods";
    public const string MassageAndFoamRolling = "massage-and-foam-rolling";
    public const string WhenToSeeADoctor = "when-to-see-a-doctor";

    public static IReadOnlyList<string> All { get; } =
    [
        HeatOrIce, SleepingPositions, ChairAndLumbarRoll, EverydayMovement, Lifting, MagnesiumRichFoods,
        MassageAndFoamRolling, WhenToSeeADoctor,
    ];
}

/// <summary>
/// What a daily check-in said that bears on the guides. <see cref="WhatHelped"/> holds the check-in's own values
/// (<c>heat</c>, <c>ice</c>, <c>walk</c>, <c>swim</c>, <c>yoga</c>, <c>foamRoller</c>, <c>massage</c>, <c>lumbarRoll</c>,
/// <c>sleepingPosition</c>); others are ignored.
/// </summary>
public sealed record GuideCheckIn
{
    public int? MorningStiffnessMinutes { get; init; }
    public IReadOnlyCollection<string> WhatHelped { get; init; } = [];
    public bool LegSymptoms { get; init; }
    public bool Numbness { get; init; }
    public bool BladderOrBowelChange { get; init; }
}

/// <summary>A guide worth reading now, and why, in words that speak to the person.</summary>
public sealed record GuideSuggestion(string GuideId, string Reason);

/// <summary>
/// Which guides to suggest from what the person told onboarding and, when there is one, their latest check-in.
/// Pure and deterministic: the same answers give the same suggestions in the same order, most pressing first, each
/// guide at most once with the first reason that applies. Warning signs come first and point to "When to see a doctor".
/// Foods rich in magnesium is never suggested from symptoms: it is general eating advice, not something for a stiff back.
/// </summary>
public static class GuideSuggestions
{
    public static IReadOnlyList<GuideSuggestion> For(PlannerProfile? profile, GuideCheckIn? checkIn = null)
    {
        var suggestions = new List<GuideSuggestion>();
        void Suggest(string id, string reason)
        {
            if (suggestions.All(s => s.GuideId != id))
            {
                suggestions.Add(new GuideSuggestion(id, reason));
            }
        }
        bool Used(params string[] values) => checkIn is not null && values.Any(v => checkIn.WhatHelped.Contains(v));

        if (checkIn is { } c && WarningSigns(c) is { } signs)
        {
            Suggest(GuideIds.WhenToSeeADoctor,
                $"You noted {signs} in your check-in. These can be warning signs, so please read when to get help, and answer the warning-sign questions again.");
        }

        var stiffToday = checkIn?.MorningStiffnessMinutes >= PlannerProfile.StiffMorningMinutes;
        if (stiffToday || profile?.StiffMornings == true)
        {
            Suggest(GuideIds.HeatOrIce, "Your mornings are stiff: some people find a few minutes of warmth before stretching makes moving easier.");
        }
        if (Used("heat", "ice"))
        {
            Suggest(GuideIds.HeatOrIce, "You used heat or ice: here is how to use them safely, with a 15-minute ice timer.");
        }
        if (Used("sleepingPosition"))
        {
            Suggest(GuideIds.SleepingPositions, "You tried a sleeping position: here are two that many people find comfortable.");
        }
        if (profile is not null && (profile.Triggers.Contains(Trigger.AtNight) || profile.Triggers.Contains(Trigger.OnWaking)))
        {
            Suggest(GuideIds.SleepingPositions, "You feel it at night or on waking: a pillow under or between your knees may make lying more comfortable.");
        }
        if (Used("lumbarRoll"))
        {
            Suggest(GuideIds.ChairAndLumbarRoll, "You used a lumbar roll: here is how to set one up with your chair.");
        }
        if (profile?.LongSitting == true)
        {
            Suggest(GuideIds.ChairAndLumbarRoll, "You sit for long spells: a few changes to your chair, and getting up often, may make sitting more comfortable.");
        }
        if (Used("walk", "swim", "yoga"))
        {
            Suggest(GuideIds.EverydayMovement, "You walked, swam or did yoga: ideas for building everyday movement into your week.");
        }
        if (profile?.Lifts == true)
        {
            Suggest(GuideIds.Lifting, "You lift at work or in the gym: tips for lifting comfortably and building up loads gradually.");
        }
        if (Used("foamRoller", "massage"))
        {
            Suggest(GuideIds.MassageAndFoamRolling, "You used a foam roller or massage: how to use them alongside exercise, and where not to roll.");
        }
        if (profile?.Runs == true)
        {
            Suggest(GuideIds.MassageAndFoamRolling, "You run: some runners like rolling their hips and thighs after a run. Here is how, and where not to roll.");
        }
        if (profile?.LongSitting == true || profile?.StandingWork == true)
        {
            Suggest(GuideIds.EverydayMovement, "Your day keeps you in one position for long: short walks and breaks help many people feel less stiff.");
        }
        return suggestions;
    }

    private static string? WarningSigns(GuideCheckIn c)
    {
        var signs = new List<string>();
        if (c.LegSymptoms)
        {
            signs.Add("pain, tingling or weakness going down a leg");
        }
        if (c.Numbness)
        {
            signs.Add("numbness or tingling");
        }
        if (c.BladderOrBowelChange)
        {
            signs.Add("a change in bladder or bowel control");
        }
        return signs.Count switch
        {
            0 => null,
            1 => signs[0],
            _ => string.Join(", ", signs[..^1]) + " and " + signs[^1],
        };
    }
}
