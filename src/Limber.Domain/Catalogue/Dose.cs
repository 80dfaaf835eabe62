namespace Limber.Domain.Catalogue;

/// <summary>
/// The default amount of an exercise. Any field may be absent; at least one of
/// <see cref="HoldSeconds"/>, <see cref="Reps"/> or <see cref="DurationSeconds"/> is present in valid content.
/// </summary>
public sealed record Dose
{
    /// <summary>Seconds the person moves into and out of each repetition; used only for time estimates.</summary>
    public const int SecondsPerMove = 3;

    /// <summary>Seconds to get into position and to change sides; used only for time estimates.</summary>
    public const int SetupSeconds = 10;

    public int? HoldSeconds { get; init; }
    public int? Reps { get; init; }
    public int? Sets { get; init; }
    public bool PerSide { get; init; }
    public bool PerDirection { get; init; }
    public int? DurationSeconds { get; init; }
    public int? RestSeconds { get; init; }

    /// <summary>A reasonable estimate of how long the dose takes, including set-up, side changes and rests.</summary>
    public int EstimatedSeconds
    {
        get
        {
            var sides = PerSide ? 2 : 1;
            var directions = PerDirection ? 2 : 1;
            var sets = Sets ?? 1;
            var perSet = DurationSeconds
                ?? (Reps ?? 1) * ((HoldSeconds ?? 0) + SecondsPerMove) * directions;
            var rests = (sets - 1) * sides * (RestSeconds ?? 0);
            var sideChanges = (sides - 1) * SetupSeconds;
            return SetupSeconds + sides * sets * perSet + rests + sideChanges;
        }
    }

    /// <summary>Whole minutes, rounded up, that the dose needs; "fits in N minutes" compares against this.</summary>
    public int EstimatedMinutes => (EstimatedSeconds + 59) / 60;

    /// <summary>The dose in plain words, e.g. "Hold 30 seconds, 3 times on each side".</summary>
    public string Describe()
    {
        var where = PerSide ? " on each side" : PerDirection ? " in each direction" : "";
        string main;
        if (DurationSeconds is { } duration)
        {
            main = Sets is > 1
                ? $"{Sets} rounds of {Seconds(duration)}"
                : $"Keep going for {Seconds(duration)}";
            main += where;
        }
        else if (HoldSeconds is { } hold)
        {
            main = $"Hold {Seconds(hold)}";
            if (Reps is > 1)
            {
                main += $", {Reps} times";
            }
            main += where;
            if (Sets is > 1)
            {
                main += $", {Sets} sets";
            }
        }
        else
        {
            var reps = Reps ?? 1;
            main = Sets is > 1
                ? $"{Sets} sets of {Times(reps)}{where}"
                : $"{char.ToUpperInvariant(Times(reps)[0])}{Times(reps)[1..]}{where}";
        }

        if (RestSeconds is > 0 && (Sets is > 1 || (HoldSeconds is not null && Reps is > 1)))
        {
            var between = Sets is > 1 ? "sets" : "holds";
            main += $". Rest {Seconds(RestSeconds.Value)} between {between}";
        }
        return main;
    }

    private static string Seconds(int s) => s switch
    {
        1 => "1 second",
        >= 120 when s % 60 == 0 => $"{s / 60} minutes",
        60 => "1 minute",
        _ => $"{s} seconds",
    };

    private static string Times(int n) => n == 1 ? "once" : $"{n} times";
}
