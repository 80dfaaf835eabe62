using Limber.Web.Accounts;
using Limber.Web.Components.Planning;
using Limber.Web.Hosting;
using Limber.Web.Illustration;
using Limber.Web.Safety;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Limber.Web.Planning;

/// <summary>
/// <c>GET /today/handout.pdf?date=YYYY-MM-DD</c>: the signed-in person's routine of a day (today by default) as a
/// printable PDF. A page's link, so it signs in with the cookie; behind the same gate as Today, through the same
/// <see cref="PersonalPlans"/>: no consent, no onboarding answers or no safety decision that allows routines, and the
/// answer says what comes first (as a page to a browser, as problem+json to anything else), never a PDF.
/// </summary>
public static class HandoutEndpoint
{
    public const string Path = "/today/handout.pdf";

    /// <summary>
    /// Where the printed code leads: the guided session player. A sheet on the floor or the wall is used on many days, so
    /// the code opens the session of the day it is scanned, with the doses the person has reached by then (the paper
    /// shows the doses of the day it was printed), timers, spoken cues and the stop choices; the player has its own
    /// start screen, so scanning never starts a timer, and signing in first returns to it.
    /// </summary>
    public const string PlayerPath = "/today/play";

    public static IEndpointRouteBuilder MapRoutineHandout(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Handout).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    /// <summary>The address of the handout of a day, as pages link to it; today's without a date.</summary>
    public static string Url(DateOnly? date = null) => date is { } day ? $"{Path}?date={RequestValues.Day(day)}" : Path;

    private static async Task<IResult> Handout(
        HttpContext context, SignedInPerson signedIn, PersonalPlans plans, Limber.Web.Coaching.CoachPrograms coaching, FigureCache figures,
        SiteSettings site, IConfiguration config, CancellationToken ct)
    {
        // Health data: no browser or proxy keeps a copy, whatever the answer.
        context.Response.Headers.CacheControl = "private, no-store";
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return Results.Challenge();
        }
        if (RoutineApi.DateQuery(context.Request.Query, "No handout for that day") is var (date, bad) && bad is not null)
        {
            return bad;
        }
        var plan = await plans.LoadAsync(person.Id, ct);
        if (RoutineApi.Blocked(plan) is { } refusal)
        {
            return WantsPage(context.Request)
                ? new RazorComponentResult<HandoutRefused>(new { Context = plan }) { StatusCode = refusal.StatusCode }
                : refusal;
        }
        var day = date ?? plan.Today;
        var planned = plans.Routine(plan, day);
        if (planned.Routine is not { } routine)
        {
            // Nothing fits the positions and equipment given: the planner's message says what would help.
            return WantsPage(context.Request)
                ? new RazorComponentResult<HandoutRefused>(new { Message = planned.Message }) { StatusCode = StatusCodes.Status409Conflict }
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No routine that day", detail: planned.Message);
        }

        // A coach's program prints under its own name and the coach's, with the coach's notes.
        var coach = await coaching.SummaryAsync(person.Id, plan.Coach, ct);
        var content = HandoutContent.From(routine, plan.GentleOptionsReason, plans.Exercise, figures,
            SiteAddress.Of(context.Request, config, PlayerPath), Regions.Emergency(context, site))
            with { Coach = coach is null ? null : new HandoutCoach(coach.Name, coach.CoachName) };
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{RoutineHandout.FileName(day, coach is not null)}\"";
        return TypedResults.Bytes(RoutineHandout.Render(content), "application/pdf");
    }

    /// <summary>A browser following a link asks for HTML; an API client or a script gets problem+json.</summary>
    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
