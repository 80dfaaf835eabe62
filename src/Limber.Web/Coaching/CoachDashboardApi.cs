using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Planning;
using Limber.Web.Progress;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Limber.Web.Coaching;

/// <summary>
/// The coach's dashboard and a client's data (issue 10, product.md part 9), by bearer token or from Limber's own pages
/// (the <c>X-Limber-Client</c> header with the cookie). Every read of a client's data goes through
/// <see cref="CoachAccess"/>, which writes the audit event the client sees; a client without an active link, or who does
/// not share what is asked for, is "no such client" (404), the same answer as for someone who does not exist.
/// </summary>
public static class CoachDashboardApi
{
    private const string Tag = "Coaching: dashboard and clients";

    public static IEndpointRouteBuilder MapCoachDashboardApi(this IEndpointRouteBuilder app)
    {
        var coach = app.MapGroup("/api/v1/coach").WithTags(Tag).RequireAuthorization(AccountRegistration.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        coach.MapGet("/clients", Dashboard).WithName("GetCoachDashboard")
            .WithSummary("Every active client, who needs attention first: adherence over 7 and 28 days, the pain trend, flags "
                + "(warning signs, stops, not improving, review suggested, doses made easier, few sessions) and the last session; "
                + "what a client does not share shows as notShared. Each client's log records the view")
            .Produces<CoachDashboardJson>();
        coach.MapGet("/clients/{clientId}", Summary).WithName("GetCoachClient")
            .WithSummary("One client: their dashboard row, when the link started and what they share")
            .Produces<CoachClientJson>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        coach.MapGet("/clients/{clientId}/progress", ClientProgress).WithName("GetCoachClientProgress")
            .WithSummary("The client's progress, as their own GET /api/v1/me/progress gives it (needs the progress share)")
            .Produces<ProgressJson>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        coach.MapGet("/clients/{clientId}/sessions", ClientSessions).WithName("GetCoachClientSessions")
            .WithSummary("The client's sessions from one day to another (from, to: YYYY-MM-DD; the last 30 days by default), oldest first, "
                + "with each exercise's feedback and worst pain and every stop (needs the sessions share); doses are left out")
            .Produces<SessionListJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        coach.MapGet("/clients/{clientId}/screens", ClientScreens).WithName("GetCoachClientScreens")
            .WithSummary("The client's warning-sign screens, newest first, with their reasons and confirmations, and the routine gate (needs the screens share)")
            .Produces<ScreenListJson>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        coach.MapGet("/clients/{clientId}/export/fhir", ClientFhir).WithName("ExportCoachClientFhir")
            .WithSummary("A FHIR R4 bundle (collection) of what the client shares: pain and activity ratings (progress), screens (screens), "
                + "the program and its doses (program); 404 when they share none of these")
            .Produces(StatusCodes.Status200OK, contentType: FhirExport.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // The client page's download link: a plain link sends the cookie but no header, so it is a page address.
        app.MapGet("/coach/clients/{clientId}/export/fhir", PageFhir).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Dashboard(HttpContext context, CoachAccess access, CoachDashboardReader reader, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return CoachProblems.Refused(refusal!.Value);
        }
        var rows = await reader.DashboardAsync(coach, ct);
        return TypedResults.Ok(new CoachDashboardJson([.. rows.Select(DashboardClientJson.Of)]));
    }

    private static async Task<IResult> Summary(string clientId, HttpContext context, CoachAccess access, CoachDashboardReader reader, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return CoachProblems.Refused(refusal!.Value);
        }
        if (!Guid.TryParse(clientId, out var id) || await access.ClientAsync(coach, id, null, "summary", ct) is not { } link)
        {
            return CoachProblems.NoSuchClient();
        }
        var row = (await reader.RowsAsync([link], ct))[0];
        return TypedResults.Ok(new CoachClientJson(DashboardClientJson.Of(row), link.StartedAt, link.SharesChangedAt));
    }

    private static async Task<IResult> ClientProgress(string clientId, HttpContext context, CoachAccess access, ProgressReader reader, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return CoachProblems.Refused(refusal!.Value);
        }
        if (!Guid.TryParse(clientId, out var id) || await access.ClientAsync(coach, id, ShareKind.Progress, "progress", ct) is null)
        {
            return CoachProblems.NoSuchClient();
        }
        var view = await reader.ReadAsync(id, ct);
        return view.Block switch
        {
            // The access check asked for the consent already; withdrawn since, it is no client of this coach's now.
            ProgressBlock.NoConsent => CoachProblems.NoSuchClient(),
            ProgressBlock.NoProfile => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No progress yet",
                detail: "Your client has not answered the onboarding questions yet: progress is measured from where they started."),
            null => TypedResults.Ok(ProgressJson.Of(view.Report!)),
        };
    }

    private static async Task<IResult> ClientSessions(
        string clientId, HttpContext context, CoachAccess access, ProfileRecords profiles, SessionRecords sessions, TimeProvider time, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return CoachProblems.Refused(refusal!.Value);
        }
        // Checked before the query is read, so that a bad query is answered without recording a view.
        if (!Guid.TryParse(clientId, out var id) || await access.LinkAsync(coach, id, ShareKind.Sessions, ct) is null)
        {
            return CoachProblems.NoSuchClient();
        }
        var today = PersonalDate.Today(time, (await profiles.FindAsync(id, ct))?.Profile.TimeZoneId);
        var (from, to, bad) = RequestValues.Range(context.Request.Query, today, 30, "The sessions cannot be listed");
        if (bad is not null)
        {
            return bad;
        }
        if (await access.ClientAsync(coach, id, ShareKind.Sessions, "sessions", ct) is null)
        {
            return CoachProblems.NoSuchClient();
        }
        var list = await sessions.ListAsync(id, from, to, ct);
        return TypedResults.Ok(new SessionListJson(RequestValues.Day(from), RequestValues.Day(to), [.. list.Select(s => SessionJson.From(s, null))]));
    }

    private static async Task<IResult> ClientScreens(string clientId, HttpContext context, CoachAccess access, ScreenRecords screens, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return CoachProblems.Refused(refusal!.Value);
        }
        if (!Guid.TryParse(clientId, out var id) || await access.ClientAsync(coach, id, ShareKind.Screens, "screens", ct) is null)
        {
            return CoachProblems.NoSuchClient();
        }
        var all = await screens.ListAsync(id, ct);
        var gate = await screens.GateAsync(id, ct);
        return TypedResults.Ok(new ScreenListJson([.. all.Select(StoredScreenJson.From)], RoutineGateJson.From(gate)));
    }

    private static async Task<IResult> ClientFhir(
        string clientId, HttpContext context, CoachAccess access, PersonData data, FhirExport fhir, TimeProvider time, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return CoachProblems.Refused(refusal!.Value);
        }
        if (!Guid.TryParse(clientId, out var id) || await BundleAsync(coach, id, access, data, fhir, time, ct) is not { } bundle)
        {
            return CoachProblems.NoSuchClient();
        }
        return TypedResults.Text(bundle, FhirExport.MediaType, System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> PageFhir(
        string clientId, HttpContext context, CoachAccess access, PersonData data, FhirExport fhir, TimeProvider time, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (refusal == CoachRefusal.NotSignedIn)
        {
            return Results.Challenge();
        }
        // A page address: the status-code page explains a refusal, and tells a stranger no more than "not found".
        if (coach is null || !Guid.TryParse(clientId, out var id) || await BundleAsync(coach, id, access, data, fhir, time, ct) is not { } bundle)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(bundle), FhirExport.MediaType, CoachClientExport.FileName(time.GetUtcNow()));
    }

    /// <summary>The shared part of the client's data as FHIR JSON, after writing the audit event; null when the coach may read none of it.</summary>
    private static async Task<string?> BundleAsync(
        CoachContext coach, Guid clientId, CoachAccess access, PersonData data, FhirExport fhir, TimeProvider time, CancellationToken ct)
    {
        var (link, kinds) = await CoachClientExport.AccessAsync(access, coach, clientId, ct);
        if (link is null || await data.ExportAsync(clientId, ct) is not { } export)
        {
            return null;
        }
        return fhir.Serialize(CoachClientExport.Shared(export, kinds), time.GetUtcNow());
    }
}
