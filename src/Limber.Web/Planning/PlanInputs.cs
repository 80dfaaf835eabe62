using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Storage;

namespace Limber.Web.Planning;

/// <summary>The planner's inputs from what is stored: the onboarding answers, and the age from the latest screen.</summary>
public static class PlanInputs
{
    public static PlannerProfile From(Profile profile, int? age)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var day = Parse<DayActivity>(profile.DayActivities);
        var minutes = PlannerProfile.SessionMinuteChoices.Contains(profile.MinutesPerSession) ? profile.MinutesPerSession : 10;
        return new PlannerProfile
        {
            TightAreas = Parse<BodyArea>(profile.TightAreas),
            Triggers = Parse<Trigger>(profile.Triggers),
            SittingHours = profile.SittingHoursPerDay ?? (day.Contains(DayActivity.Sitting) ? PlannerProfile.LongSittingHours : 0),
            Running = day.Contains(DayActivity.Running),
            Lifting = day.Contains(DayActivity.Lifting),
            StandingWork = day.Contains(DayActivity.StandingWork),
            Positions = Parse<PossiblePosition>(profile.Positions) is { Count: > 0 } positions ? positions : [PossiblePosition.Chair, PossiblePosition.Standing],
            Equipment = Parse<Equipment>(profile.Equipment),
            MinutesPerSession = minutes,
            SessionsPerDay = Math.Clamp(profile.SessionsPerDay, 1, 6),
            BaselinePain = Math.Clamp(profile.BaselinePain, 0, 10),
            MorningStiffnessMinutes = Math.Max(0, profile.MorningStiffnessMinutes ?? 0),
            Age = age is >= 16 and <= 120 ? age : null,
        };
    }

    // Stored values were checked when saved; one that no longer parses (a renamed value) is left out, not guessed.
    private static List<T> Parse<T>(IEnumerable<string> names) where T : struct, Enum =>
        [.. names.Select(n => ContentName.TryParse<T>(n, out var value) ? (T?)value : null).OfType<T>().Distinct()];
}
