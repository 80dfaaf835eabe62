using Limber.Domain.Catalogue;

namespace Limber.Domain.Planning;

/// <summary>
/// How long a planned routine takes. It builds on <see cref="Dose.EstimatedSeconds"/>, which counts holds, each
/// repetition at a tempo of <see cref="Dose.SecondsPerMove"/> s to move in and out, sides, directions, sets, rests
/// between sets, <see cref="Dose.SetupSeconds"/> s to get into position and the same to switch sides; this adds the
/// rests between single holds (the catalogue's "rest 10 seconds between holds") and a transition between exercises.
/// </summary>
public static class RoutineClock
{
    /// <summary>Seconds to move into and out of each repetition: the rep tempo.</summary>
    public const int RepTempoSeconds = Dose.SecondsPerMove;

    /// <summary>Seconds between two exercises: read the next one, get the equipment, change position.</summary>
    public const int TransitionSeconds = 15;

    /// <summary>A routine fits the minutes chosen when it is within this share of them either way.</summary>
    public const double Tolerance = 0.10;

    /// <summary>The time the dose takes, without the transition into it.</summary>
    public static int DoseSeconds(Dose dose)
    {
        ArgumentNullException.ThrowIfNull(dose);
        var restsBetweenHolds = dose is { HoldSeconds: not null, Reps: > 1, RestSeconds: > 0, Sets: null or 1 }
            ? (dose.PerSide ? 2 : 1) * (dose.PerDirection ? 2 : 1) * (dose.Reps.Value - 1) * dose.RestSeconds.Value
            : 0;
        return dose.EstimatedSeconds + restsBetweenHolds;
    }

    public static int LowerBound(int targetSeconds) => (int)Math.Ceiling(targetSeconds * (1 - Tolerance));

    public static int UpperBound(int targetSeconds) => (int)Math.Floor(targetSeconds * (1 + Tolerance));
}
