using Limber.Domain.Catalogue;
using Limber.Domain.Progress;
using Limber.Web.Accounts;
using Limber.Web.Planning;

namespace Limber.Web.Progress;

public sealed record PainDayJson(string Date, int? Pain, double? MeanOf7Days);

public sealed record StiffnessDayJson(string Date, int? Stiffness, int? MorningStiffnessMinutes);

public sealed record AdherenceDayJson(string Date, int Sessions);

public sealed record AdherenceJson(IReadOnlyList<AdherenceDayJson> Days, int CurrentStreak, int LongestStreak, int DaysDoneLast7, int DaysDoneLast28);

public sealed record ActivityScoreJson(string Date, double Score);

public sealed record ActivityProgressJson(double Baseline, IReadOnlyList<ActivityScoreJson> Scores);

/// <param name="Enough">False until each side has enough days to say anything; the page hides it until then.</param>
public sealed record HelpedJson(string Action, int DaysWith, double? NextDayPainWith, int DaysWithout, double? NextDayPainWithout, bool Enough, string Words);

public sealed record WatchReasonJson(string RuleId, string Disposition, string Text);

/// <summary>The not-improving watch (safety.md section 6) and the usual window.</summary>
public sealed record WatchJson(
    string Disposition, IReadOnlyList<WatchReasonJson> Reasons, int ProgramWeek, double? MeanPainLast7Days, double? RecentActivity,
    string UsualWindowStart, string UsualWindowEnd, string UsualWindowText);

/// <summary>The numbers behind the progress page's charts.</summary>
public sealed record ProgressJson(
    string From, string To, int BaselinePain, double MeaningfulChange, IReadOnlyList<PainDayJson> Pain, IReadOnlyList<StiffnessDayJson> Stiffness,
    AdherenceJson Adherence, ActivityProgressJson Activity, IReadOnlyList<HelpedJson> WhatHelped, WatchJson Watch)
{
    public static ProgressJson Of(ProgressReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var w = r.Watch;
        return new(
            RequestValues.Day(r.From), RequestValues.Day(r.To), r.BaselinePain, Round(r.MeaningfulChange),
            [.. r.Pain.Select(p => new PainDayJson(RequestValues.Day(p.Date), p.Pain, p.MeanOf7Days is { } m ? Round(m) : null))],
            [.. r.Stiffness.Select(s => new StiffnessDayJson(RequestValues.Day(s.Date), s.Stiffness, s.MorningStiffnessMinutes))],
            new AdherenceJson([.. r.Adherence.Days.Select(d => new AdherenceDayJson(RequestValues.Day(d.Date), d.Sessions))],
                r.Adherence.CurrentStreak, r.Adherence.LongestStreak, r.Adherence.DaysDoneLast7, r.Adherence.DaysDoneLast28),
            new ActivityProgressJson(Round(r.BaselineActivity), [.. r.Activity.Select(a => new ActivityScoreJson(RequestValues.Day(a.Date), Round(a.Score)))]),
            [.. r.WhatHelped.Select(h => new HelpedJson(h.Action, h.DaysWith, h.NextDayPainWith is { } a ? Round(a) : null, h.DaysWithout,
                h.NextDayPainWithout is { } b ? Round(b) : null, h.Enough, h.Words))],
            new WatchJson(ContentName.Of(w.Disposition), [.. w.Reasons.Select(x => new WatchReasonJson(x.RuleId, ContentName.Of(x.Disposition), x.Text))],
                w.ProgramWeek, w.MeanPainLast7Days is { } mp ? Round(mp) : null, w.RecentActivity is { } ra ? Round(ra) : null,
                RequestValues.Day(w.UsualWindow.Start), RequestValues.Day(w.UsualWindow.End), w.UsualWindow.Text));
    }

    private static double Round(double value) => Math.Round(value, 2);
}

/// <summary>Progress as JSON: the same numbers the progress page charts. Health data: consent (403), onboarding (409).</summary>
public static class ProgressApi
{
    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/me").WithTags("Check-ins and progress").RequireAuthorization(AccountRegistration.ApiPolicy)
            .MapGet("/progress", Progress).WithName("GetProgress")
            .WithSummary("Your progress since the program started: pain (7-day mean) against the baseline and the meaningful-change line, "
                + "stiffness, sessions a day and streaks, everyday activities, what seemed to help, and the not-improving watch")
            .Produces<ProgressJson>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> Progress(HttpContext context, SignedInPerson signedIn, ProgressReader reader, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        var view = await reader.ReadAsync(person.Id, ct);
        return view.Block switch
        {
            ProgressBlock.NoConsent => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: MeApi.ConsentNeededTitle,
                detail: "Progress is made from your health data, which Limber keeps only with your consent. Give it with POST /api/v1/me/consents/health-data."),
            ProgressBlock.NoProfile => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No progress yet",
                detail: "Answer the onboarding questions first (PUT /api/v1/me/profile): progress is measured from where you started."),
            null => TypedResults.Ok(ProgressJson.Of(view.Report!)),
        };
    }
}
