using Limber.Domain.Catalogue;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Planning;

namespace Limber.Web.Coaching;

/// <summary>
/// Days with a finished session out of the days of the window, which starts on <paramref name="From"/> (later than
/// the window's own start when the link or the program is newer); <paramref name="Percent"/> is rounded.
/// </summary>
public sealed record DashboardAdherenceFigureJson(int DaysDone, int Days, int Percent, string From)
{
    public static DashboardAdherenceFigureJson Of(AdherenceFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return new(figure.DaysDone, figure.Days, (int)Math.Round(figure.Fraction * 100, MidpointRounding.AwayFromZero), RequestValues.Day(figure.From));
    }
}

/// <summary>
/// Adherence (needs the sessions share): status is "shown" or "notShared"; the windows count only the days since the
/// link or the program started when that is fewer.
/// </summary>
public sealed record DashboardAdherenceJson(string Status, DashboardAdherenceFigureJson? Last7Days, DashboardAdherenceFigureJson? Last28Days);

/// <summary>
/// The pain trend (needs the progress share): status "shown" or "notShared"; the 7-day mean of check-in pain against the
/// 7 days before and against the baseline, each compared as "better", "same" or "worse" (a meaningful change is 2 points
/// or 30 %); a figure is left out when there are no check-ins to make it from.
/// </summary>
public sealed record DashboardPainJson(
    string Status, double? MeanLast7Days, double? MeanPrevious7Days, int? BaselinePain, string? ComparedWithPrevious, string? ComparedWithBaseline);

/// <summary>The date of the latest session (needs the sessions share): status "shown" or "notShared"; no date when there is none yet.</summary>
public sealed record DashboardLastSessionJson(string Status, string? Date);

/// <summary>
/// One flag. kind: screen, stop, notImproving, reviewSuggested, regression or lowAdherence; level: the disposition it
/// carries (none, routine, urgent, emergency).
/// </summary>
public sealed record DashboardFlagJson(string Kind, string Level, string Title, IReadOnlyList<string> Details);

/// <summary>Where the client comes in the order of attention (1 first) and why, in words.</summary>
public sealed record DashboardAttentionJson(int Rank, string Reason);

/// <summary>
/// One client on the dashboard. Flags are only made from shared data: <paramref name="NotShared"/> lists the kinds
/// (progress, sessions, screens, program) whose flags cannot be known.
/// </summary>
public sealed record DashboardClientJson(
    Guid LinkId,
    Guid ClientId,
    string Label,
    string LinkedOn,
    CoachSharesJson Shares,
    IReadOnlyList<string> NotShared,
    bool ProgramStarted,
    DashboardAdherenceJson Adherence,
    DashboardPainJson PainTrend,
    DashboardLastSessionJson LastSession,
    IReadOnlyList<DashboardFlagJson> Flags,
    DashboardAttentionJson Attention)
{
    public const string Shown = "shown";
    public const string NotSharedStatus = "notShared";

    public static DashboardClientJson Of(DashboardRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var adherence = row.Adherence is { } a
            ? new DashboardAdherenceJson(Shown, DashboardAdherenceFigureJson.Of(a.Last7Days), DashboardAdherenceFigureJson.Of(a.Last28Days))
            : new DashboardAdherenceJson(NotSharedStatus, null, null);
        var pain = row.Pain is { } p
            ? new DashboardPainJson(Shown, Round(p.MeanLast7Days), Round(p.MeanPrevious7Days), p.BaselinePain,
                p.ComparedWithPrevious is { } previous ? ContentName.Of(previous) : null,
                p.ComparedWithBaseline is { } baseline ? ContentName.Of(baseline) : null)
            : new DashboardPainJson(NotSharedStatus, null, null, null, null, null);
        var last = row.Shares.Sessions
            ? new DashboardLastSessionJson(Shown, row.LastSession is { } date ? RequestValues.Day(date) : null)
            : new DashboardLastSessionJson(NotSharedStatus, null);
        return new(row.Link.Id, row.Link.PersonId, row.Label, RequestValues.Day(row.LinkedOn), CoachSharesJson.From(row.Shares),
            [.. row.NotShared.Select(k => ContentName.Of(k))], row.ProgramStarted, adherence, pain, last,
            [.. row.Flags.Select(f => new DashboardFlagJson(ContentName.Of(f.Kind), ContentName.Of(f.Level), f.Title, f.Details))],
            new DashboardAttentionJson((int)row.Rank, Reason(row.Rank)));
    }

    /// <summary>Why a client comes where they do, in a few words.</summary>
    public static string Reason(AttentionRank rank) => rank switch
    {
        AttentionRank.Referral => "Warning signs that hold their routines back",
        AttentionRank.Stopped => "A session stopped in the last 14 days",
        AttentionRank.Review => "Not improving, or a review with a doctor or physiotherapist suggested",
        AttentionRank.Regressed => "Doses made easier in the last 7 days",
        AttentionRank.LowAdherence => "Few sessions in the last 7 days",
        AttentionRank.None => "Nothing flagged",
    };

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 2) : null;
}

/// <summary>The coach's dashboard: every active client, the one who needs attention most first.</summary>
public sealed record CoachDashboardJson(IReadOnlyList<DashboardClientJson> Clients);

/// <summary>One client's summary: the dashboard row, with the link's own details.</summary>
public sealed record CoachClientJson(DashboardClientJson Client, DateTimeOffset LinkedAt, DateTimeOffset? SharesChangedAt);
