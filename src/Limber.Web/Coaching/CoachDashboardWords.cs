using Limber.Domain.Safety;
using Limber.Storage;

namespace Limber.Web.Coaching;

/// <summary>The coach pages' words for the dashboard's figures and flags, in one place for both pages.</summary>
public static class CoachDashboardWords
{
    /// <summary>What the pages show for a kind of data the client does not share.</summary>
    public const string NotShared = "Not shared by your client";

    /// <summary>A kind of data as a coach reads it: "warning-sign screens".</summary>
    public static string Kind(ShareKind kind) => kind switch
    {
        ShareKind.Progress => "progress",
        ShareKind.Sessions => "sessions",
        ShareKind.Screens => "warning-sign screens",
        ShareKind.Program => "program",
    };

    /// <summary>"Shares progress and sessions", or "Shares nothing at the moment".</summary>
    public static string Shares(CoachShares shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var kinds = Enum.GetValues<ShareKind>().Where(shares.Allows).Select(Kind).ToList();
        return kinds.Count switch
        {
            0 => "Shares nothing at the moment",
            1 => $"Shares {kinds[0]}",
            _ => $"Shares {string.Join(", ", kinds[..^1])} and {kinds[^1]}",
        };
    }

    /// <summary>"better", "about the same", "worse".</summary>
    public static string Direction(PainDirection direction) => direction switch
    {
        PainDirection.Better => "better",
        PainDirection.Same => "about the same",
        PainDirection.Worse => "worse",
    };

    /// <summary>The pain trend in one line, or what stands in for it.</summary>
    public static string Pain(DashboardPain pain)
    {
        ArgumentNullException.ThrowIfNull(pain);
        if (pain.MeanLast7Days is not { } mean)
        {
            return "No check-ins in the last 7 days";
        }
        var parts = new List<string> { $"{CoachDashboard.Number(mean)} out of 10 over the last 7 days" };
        if (pain.ComparedWithPrevious is { } previous)
        {
            parts.Add(Compared(previous, $"the 7 days before ({CoachDashboard.Number(pain.MeanPrevious7Days!.Value)})"));
        }
        if (pain.ComparedWithBaseline is { } start)
        {
            parts.Add(Compared(start, $"at the start ({pain.BaselinePain})"));
        }
        return string.Join("; ", parts);
    }

    /// <summary>"better than the 7 days before", "about the same as at the start".</summary>
    public static string Compared(PainDirection direction, string what) => direction switch
    {
        PainDirection.Same => $"about the same as {what}",
        PainDirection.Better or PainDirection.Worse => $"{Direction(direction)} than {what}",
    };

    /// <summary>The player's feedback word as a coach reads it.</summary>
    public static string Feedback(string? feedback) => feedback switch
    {
        "tooEasy" => "too easy",
        "aboutRight" => "about right",
        "tooHard" => "too hard",
        "hurt" => "it hurt",
        _ => "no feedback",
    };

    /// <summary>The routine gate as a coach reads it: what it means for the client's routines now.</summary>
    public static string Routines(RoutineAccess access) => access switch
    {
        RoutineAccess.Continue => "Their routines continue.",
        RoutineAccess.GentleOptionsFirst => "Their routines continue, with the gentle options first.",
        RoutineAccess.PausedUntilSeen => "Their routines are paused until they confirm they were seen by a doctor.",
        RoutineAccess.LockedUntilCleared => "Their routines are locked until they confirm they were seen and a clinician cleared them to exercise.",
    };

    /// <summary>What the player did after a report during a session, as a clause: "the set stopped; the exercise is made easier next session".</summary>
    public static string Then(StopAction action) => action switch
    {
        StopAction.Continue => "they carried on",
        StopAction.ContinueAskAtCheckIn => "they carried on; the next check-in asks whether it settled",
        StopAction.StopSetRegressNextSession => "the set stopped; the exercise is made easier next session",
        StopAction.StopExerciseOfferEasierOrSkip => "the exercise stopped; an easier version or skipping it was offered",
        StopAction.StopSessionRegressNextTime => "the session stopped; the exercises are made easier next time",
        StopAction.StopSessionAndRunEmergencyItems => "the session stopped and the most important warning-sign questions were asked again",
    };

    /// <summary>
    /// The class that styles a flag: flag-high for an urgent or emergency level, flag-medium for a stop or a routine
    /// level, flag-low otherwise. Colour only adds to the words and the icon's shape.
    /// </summary>
    public static string FlagClass(CoachFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var severity = flag.Level >= Disposition.Urgent ? "high"
            : flag.Level == Disposition.Routine || flag.Kind == CoachFlagKind.Stop ? "medium"
            : "low";
        return $"flag flag-{severity}";
    }

    /// <summary>
    /// The flag's icon, whose shape says what it is about, so that colour is never the only sign: a triangle for an
    /// urgent or emergency level, an octagon for a stop, a circle for a routine level or a review, an arrow down for a
    /// dose made easier, a square for few sessions. Hidden from screen readers, which read the title.
    /// </summary>
    public static string Icon(CoachFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        const string Exclamation = "<rect class=\"mark\" x=\"9\" y=\"5\" width=\"2\" height=\"6.5\"/><rect class=\"mark\" x=\"9\" y=\"13.5\" width=\"2\" height=\"2\"/>";
        var shape = flag.Level >= Disposition.Urgent
            ? "<path class=\"shape\" d=\"M10 1 19.5 18.5H.5Z\"/><rect class=\"mark\" x=\"9\" y=\"7\" width=\"2\" height=\"6\"/><rect class=\"mark\" x=\"9\" y=\"14.5\" width=\"2\" height=\"2\"/>"
            : flag.Kind switch
            {
                CoachFlagKind.Stop => "<path class=\"shape\" d=\"M6.3 1h7.4L19 6.3v7.4L13.7 19H6.3L1 13.7V6.3Z\"/><rect class=\"mark\" x=\"5\" y=\"9\" width=\"10\" height=\"2\"/>",
                CoachFlagKind.Regression => "<circle class=\"shape\" cx=\"10\" cy=\"10\" r=\"9\"/><path class=\"mark\" d=\"M9 4.5h2v6.5l2.3-2.3 1.4 1.4L10 14.8 5.3 10.1l1.4-1.4L9 11Z\"/>",
                CoachFlagKind.LowAdherence => "<rect class=\"shape\" x=\"2\" y=\"2\" width=\"16\" height=\"16\" rx=\"2\"/><rect class=\"mark\" x=\"5\" y=\"9\" width=\"10\" height=\"2\"/>",
                CoachFlagKind.Screen or CoachFlagKind.NotImproving or CoachFlagKind.ReviewSuggested =>
                    "<circle class=\"shape\" cx=\"10\" cy=\"10\" r=\"9\"/>" + Exclamation,
            };
        return $"<svg class=\"flag-icon\" viewBox=\"0 0 20 20\" aria-hidden=\"true\" focusable=\"false\">{shape}</svg>";
    }

    /// <summary>
    /// Adherence in words: "5 of the last 7 days", or, when the link or the program is newer than the window, "2 of 3
    /// days since 22 November".
    /// </summary>
    public static string Adherence(AdherenceFigure figure, int window)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.Days >= window
            ? $"{figure.DaysDone} of the last {window} days"
            : $"{figure.DaysDone} of {CoachDashboard.DaysOf(figure.Days)} since {CoachDashboard.Day(figure.From)}";
    }
}
