using System.Text.Json;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Hosting;
using Limber.Web.Illustration;
using Limber.Web.Planning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Limber.Web.Coaching;

/// <summary>
/// Coaching mode's programs (issue 10, product.md part 9): a coach reads the templates, reads a client's program (their
/// own, or Limber's plan as a starting point), sets it with doses, limits, notes and thresholds, takes it off, and prints
/// it as a handout; the client may go back to Limber's own plan at any time. Every call about a client goes through
/// <see cref="CoachAccess"/>: the client must have an active link with the coach that shares their program, and their
/// health-data consent; otherwise 404, with nothing read, changed or logged. Each read writes the audit event the client
/// sees (coach.viewed); setting the program writes coach.program-set. Safety still rules the client's routine: a coach's
/// program is planned under the same safety decision as Limber's own.
/// </summary>
public static class CoachProgramApi
{
    private const string ProgramNotShared = "You have no client with that id who shares their program with you.";


    /// <summary>The builder page of a client's program.</summary>
    public static string PagePath(Guid clientId) => $"/coach/clients/{clientId:D}/program";

    /// <summary>The handout as the builder page links to it (signed in with the cookie).</summary>
    public static string PageHandoutPath(Guid clientId) => $"/coach/clients/{clientId:D}/program/handout.pdf";

    /// <summary>The handout on the API (a bearer token, or Limber's own page with its client header).</summary>
    public static string ApiHandoutPath(Guid clientId) => $"/api/v1/coach/clients/{clientId:D}/program/handout.pdf";

    public static IEndpointRouteBuilder MapCoachProgramApi(this IEndpointRouteBuilder app)
    {
        var coach = app.MapGroup("/api/v1/coach").WithTags("Coaching: programs").RequireAuthorization(AccountRegistration.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        coach.MapGet("/templates", Templates).WithName("GetCoachTemplates")
            .WithSummary("The ready-made programs a coach may start a client's program from, each with its exercises, doses and notes")
            .Produces<CoachTemplatesJson>();
        coach.MapGet("/clients/{clientId}/program", Get).WithName("GetClientProgram")
            .WithSummary("A client's program: the coach's program they follow (source coach) with each exercise's current dose, or else "
                + "the routine Limber plans for them today as a starting point (source limber). Logged for the client to see")
            .Produces<CoachProgramJson>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        coach.MapPut("/clients/{clientId}/program", Put).WithName("SetClientProgram")
            .WithSummary("Set a client's program: 1-20 catalogue exercises in order, each with its dose (left out: the catalogue's), how many "
                + "rungs adaptation may raise it (maxLevelsUp) and a note, and optional thresholds for the dose rules. The client's routine follows at once")
            .Accepts<CoachProgramRequestJson>("application/json")
            .Produces<CoachProgramJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        coach.MapDelete("/clients/{clientId}/program", Delete).WithName("ClearClientProgram")
            .WithSummary("Take the coach's program off: the client goes back to Limber's own plan")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        coach.MapGet("/clients/{clientId}/program/handout.pdf", ApiHandout).WithName("GetClientProgramHandout")
            .WithSummary("The client's program as a printable PDF: each exercise's figure, steps, dose and note, the stop line, and a code "
                + "that opens the program in the app. Logged for the client to see")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        // The builder page's link: a link cannot send the API's header, so the page's cookie signs it in, as /today/handout.pdf.
        app.MapGet("/coach/clients/{clientId}/program/handout.pdf", PageHandout).RequireAuthorization().ExcludeFromDescription();

        app.MapGroup("/api/v1/me").WithTags("Your routine").RequireAuthorization(AccountRegistration.ApiPolicy)
            .MapDelete("/program/coach", Leave).WithName("LeaveCoachProgram")
            .WithSummary("Go back to Limber's own plan: your coach's program, doses and thresholds are taken off (your history stays)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> Templates(HttpContext context, CoachAccess access, CoachPrograms programs, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return CoachProblems.Refused(refusal);
        }
        return TypedResults.Ok(new CoachTemplatesJson([.. programs.Templates.All.Select(t => CoachTemplateJson.From(t, programs.Catalogue))]));
    }

    private static async Task<IResult> Get(string clientId, HttpContext context, CoachAccess access, CoachPrograms programs, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return CoachProblems.Refused(refusal);
        }
        if (!Guid.TryParse(clientId, out var id) || await access.ClientAsync(coach, id, ShareKind.Program, "program", ct) is null)
        {
            return CoachProblems.NoSuchClient(ProgramNotShared);
        }
        return TypedResults.Ok(CoachProgramJson.From(id, await programs.ViewAsync(id, ct), programs.DeploymentThresholds));
    }

    private static async Task<IResult> Put(string clientId, HttpContext context, CoachAccess access, CoachPrograms programs, CancellationToken ct)
    {
        const string title = "The program cannot be set";
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return CoachProblems.Refused(refusal);
        }
        // Access first: someone who is not this client's coach learns nothing, not even what is wrong with the body.
        if (!Guid.TryParse(clientId, out var id) || await access.LinkAsync(coach, id, ShareKind.Program, ct) is not { } link)
        {
            return CoachProblems.NoSuchClient(ProgramNotShared);
        }
        var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, title,
            "name, items (a list of {exerciseId, holdSeconds, reps, sets, durationSeconds, maxLevelsUp, note}) and optional thresholds", ct);
        if (document is null)
        {
            return bad!;
        }
        CheckedCoachProgram? program;
        var errors = new FieldErrors();
        using (document)
        {
            var typed = new HashSet<string>(StringComparer.Ordinal);
            var draft = Read(document.RootElement, programs.DeploymentThresholds, errors, typed);
            // A field already refused for its type is not refused again for its value.
            program = CoachProgramRules.Check(draft, programs.Catalogue, CoachProgramWords.Api,
                (field, message) => { if (!typed.Contains(field)) { errors.Add(field, message); } });
        }
        if (errors.Any || program is null)
        {
            return errors.ToProblem(title);
        }
        await programs.SaveAsync(id, link, program, ct);
        return TypedResults.Ok(CoachProgramJson.From(id, await programs.ViewAsync(id, ct), programs.DeploymentThresholds));
    }

    private static async Task<IResult> Delete(string clientId, HttpContext context, CoachAccess access, CoachPrograms programs, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return CoachProblems.Refused(refusal);
        }
        if (!Guid.TryParse(clientId, out var id) || await access.LinkAsync(coach, id, ShareKind.Program, ct) is not { } link)
        {
            return CoachProblems.NoSuchClient(ProgramNotShared);
        }
        return await programs.ClearAsync(id, link, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No coach's program",
                detail: "This client follows Limber's own plan: there is no coach's program to take off.");
    }

    private static async Task<IResult> Leave(HttpContext context, SignedInPerson signedIn, CoachPrograms programs, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        return await programs.ClearAsync(person.Id, null, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No coach's program",
                detail: "You follow Limber's own plan already: there is no coach's program to leave.");
    }

    private static Task<IResult> ApiHandout(
        string clientId, HttpContext context, CoachAccess access, CoachPrograms programs, PersonalPlans plans, FigureCache figures, SiteSettings site,
        IConfiguration config, CancellationToken ct) =>
        HandoutAsync(clientId, context, access, new CoachProgramHandout(plans, programs, figures, site, config), page: false, ct);

    private static Task<IResult> PageHandout(
        string clientId, HttpContext context, CoachAccess access, CoachPrograms programs, PersonalPlans plans, FigureCache figures, SiteSettings site,
        IConfiguration config, CancellationToken ct) =>
        HandoutAsync(clientId, context, access, new CoachProgramHandout(plans, programs, figures, site, config), page: true, ct);

    private static async Task<IResult> HandoutAsync(
        string clientId, HttpContext context, CoachAccess access, CoachProgramHandout handouts, bool page, CancellationToken ct)
    {
        // A client's health data: no browser or proxy keeps a copy, whatever the answer.
        context.Response.Headers.CacheControl = "private, no-store";
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        if (coach is null)
        {
            return page && refusal == CoachRefusal.NotSignedIn ? Results.Challenge() : CoachProblems.Refused(refusal);
        }
        if (!Guid.TryParse(clientId, out var id) || await access.ClientAsync(coach, id, ShareKind.Program, "program-handout", ct) is null)
        {
            return CoachProblems.NoSuchClient(ProgramNotShared);
        }
        var (pdf, problem) = await handouts.RenderAsync(id, context, ct);
        if (pdf is not { } file)
        {
            return page && WantsPage(context.Request)
                ? new RazorComponentResult<CoachProgramHandoutRefused>(new { Message = problem!, ClientId = id }) { StatusCode = StatusCodes.Status409Conflict }
                : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "No handout for now", detail: problem);
        }
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{file.FileName}\"";
        return TypedResults.Bytes(file.Bytes, "application/pdf");
    }

    /// <summary>A browser following a link asks for HTML; an API client or a script gets problem+json.</summary>
    private static bool WantsPage(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    // ---- the body ----------------------------------------------------------------------------------------------------

    private static readonly string[] BodyFields = ["name", "items", "thresholds"];
    private static readonly string[] ItemFields = ["exerciseId", "holdSeconds", "reps", "sets", "durationSeconds", "maxLevelsUp", "note"];

    /// <summary>
    /// The draft in the body, with every problem of shape or type added to <paramref name="errors"/> (and its field to
    /// <paramref name="typed"/>); what is wrong is left out of the draft, for the rules to see what else is wrong.
    /// </summary>
    private static CoachProgramDraft Read(JsonElement root, ProgressionSettings deployment, FieldErrors errors, HashSet<string> typed)
    {
        void Wrong(string field, string message)
        {
            errors.Add(field, message);
            typed.Add(field);
        }

        string? name = null;
        var items = new List<CoachProgramDraftItem>();
        ProgressionSettings? thresholds = null;
        var itemsGiven = false;
        foreach (var property in RequestValues.Once(root, BodyFields, errors, []))
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "name":
                    if (value.ValueKind == JsonValueKind.String)
                    {
                        name = value.GetString();
                    }
                    else if (value.ValueKind != JsonValueKind.Null)
                    {
                        Wrong("name", "name must be text.");
                    }
                    break;
                case "items":
                    itemsGiven = true;
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        Wrong("items", "items must be a list of exercises, like [{\"exerciseId\": \"cat-cow\", \"reps\": 8}].");
                        break;
                    }
                    var index = 0;
                    foreach (var element in value.EnumerateArray())
                    {
                        items.Add(ReadItem(element, $"items[{index++}]", errors, typed, Wrong));
                    }
                    break;
                case "thresholds":
                    thresholds = value.ValueKind == JsonValueKind.Null ? null : ReadThresholds(value, deployment, errors, Wrong);
                    break;
                default:
                    JsonBody.RefuseUnknown(property, BodyFields, "a program", errors);
                    break;
            }
        }
        if (!itemsGiven)
        {
            Wrong("items", "items is required: list 1 to 20 exercises, like [{\"exerciseId\": \"cat-cow\", \"reps\": 8}].");
        }
        return new CoachProgramDraft(name, items, thresholds);
    }

    private static CoachProgramDraftItem ReadItem(JsonElement element, string at, FieldErrors errors, HashSet<string> typed, Action<string, string> wrong)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            wrong(at, $"{at} must be an object, like {{\"exerciseId\": \"cat-cow\", \"reps\": 8}}.");
            // Kept in the list, so that the items after it keep their numbers; its missing exercise is not named again.
            typed.Add($"{at}.exerciseId");
            return new CoachProgramDraftItem(null, null, null, null, null, null, null);
        }
        string? exerciseId = null, note = null;
        int? hold = null, reps = null, sets = null, duration = null, levels = null;
        foreach (var property in RequestValues.Once(element, ItemFields, errors, [], at))
        {
            var field = $"{at}.{property.Name}";
            var value = property.Value;
            switch (property.Name)
            {
                case "exerciseId": exerciseId = Text(value, field, wrong); break;
                case "note": note = Text(value, field, wrong); break;
                case "holdSeconds": hold = Whole(value, field, wrong); break;
                case "reps": reps = Whole(value, field, wrong); break;
                case "sets": sets = Whole(value, field, wrong); break;
                case "durationSeconds": duration = Whole(value, field, wrong); break;
                case "maxLevelsUp": levels = Whole(value, field, wrong); break;
                default:
                    var name = $"{at}.{FieldErrors.Clip(property.Name)}";
                    errors.Add(name, $"'{name}' is not a field of an exercise; use {string.Join(", ", ItemFields)}.");
                    break;
            }
        }
        return new CoachProgramDraftItem(exerciseId, hold, reps, sets, duration, levels, note);
    }

    private static ProgressionSettings? ReadThresholds(JsonElement value, ProgressionSettings deployment, FieldErrors errors, Action<string, string> wrong)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            wrong("thresholds", "thresholds must be an object of the dose rules' thresholds, like {\"regressWorstPainAbove\": 4}, or null for this Limber's own.");
            return null;
        }
        // Any threshold left out is the deployment's.
        var settings = deployment;
        var names = CoachThreshold.All.Select(t => t.Field).ToArray();
        foreach (var property in RequestValues.Once(value, names, errors, [], "thresholds"))
        {
            var field = $"thresholds.{FieldErrors.Clip(property.Name)}";
            if (CoachThreshold.Find(property.Name) is not { } threshold)
            {
                errors.Add(field, $"'{field}' is not a threshold; use {string.Join(", ", names)}.");
                continue;
            }
            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var number) || !double.IsFinite(number)
                || (threshold.Whole && (number != Math.Floor(number) || number is < int.MinValue or > int.MaxValue)))
            {
                wrong(field, threshold.Whole ? $"{field} must be a whole number." : $"{field} must be a number.");
                continue;
            }
            settings = threshold.Set(settings, number);
        }
        return settings;
    }

    private static string? Text(JsonElement value, string field, Action<string, string> wrong)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String: return value.GetString();
            case JsonValueKind.Null: return null;
            default:
                wrong(field, $"{field} must be text.");
                return null;
        }
    }

    private static int? Whole(JsonElement value, string field, Action<string, string> wrong)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null: return null;
            case JsonValueKind.Number when value.TryGetInt32(out var number): return number;
            default:
                wrong(field, $"{field} must be a whole number.");
                return null;
        }
    }
}
