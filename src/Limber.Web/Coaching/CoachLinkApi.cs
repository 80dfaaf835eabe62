using System.Text.Json;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Hosting;
using Limber.Web.Planning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Limber.Web.Coaching;

/// <summary>
/// Links between coaches and clients over the API (issue 10, product.md part 9): a coach's invitations (link and QR
/// code), what an invitation link shows to anyone who has it, the client accepting it with what they choose to share,
/// changing that, ending a link from either side, and the client's log of every coach's look at their data. The
/// organisation endpoints are in <see cref="OrganisationApi"/>.
/// </summary>
public static class CoachLinkApi
{
    private static readonly string[] ShareFields = [.. CoachLinkWords.Kinds.Select(CoachLinkWords.Name)];
    private static readonly string[] AcceptFields = ["invite", "shares"];
    private static readonly string[] InviteFields = ["label"];
    private const string MissingInvite = "invite is missing: the secret at the end of the invitation link (after /join/), or the whole link.";

    public static IEndpointRouteBuilder MapCoachLinkApi(this IEndpointRouteBuilder app)
    {
        // Every answer here may carry an invitation's secret or say who coaches whom: never kept by a cache.
        var coach = app.MapGroup("/api/v1/coach").WithTags("Coaching").RequireAuthorization(AccountRegistration.ApiPolicy)
            .AddEndpointFilter(NoStore)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        coach.MapPost("/invites", CreateInvite).WithName("CreateCoachInvite")
            .WithSummary("Make an invitation for one client: its link and QR code are in the answer, this once (only a hash is kept)")
            .Accepts<CoachInviteRequestJson>("application/json")
            .Produces<NewCoachInviteJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        coach.MapGet("/invites", ListInvites).WithName("ListCoachInvites")
            .WithSummary("Your invitations not used nor withdrawn, newest first; expired ones are marked")
            .Produces<CoachInviteListJson>();
        coach.MapDelete("/invites/{id}", WithdrawInvite).WithName("WithdrawCoachInvite")
            .WithSummary("Withdraw one of your unused invitations: its link stops working at once")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        coach.MapDelete("/clients/{clientId}", EndByCoach).WithName("EndCoachLinkByCoach")
            .WithSummary("End your link with a client: you can no longer see any of their data, at once")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var invites = app.MapGroup("/api/v1/invites").WithTags("Coaching").AddEndpointFilter(NoStore);
        invites.MapGet("/{secret}", GetInvitation).WithName("GetInvitation")
            .WithSummary("What an invitation link shows to whoever has it: the coach's name, the organisation and whether it can still be used")
            .Produces<InvitationJson>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        invites.MapGet("/{secret}/qr.svg", InvitationQrCode).WithName("GetInvitationQrCode")
            .WithSummary("The invitation's link as a QR code (SVG), for a phone's camera")
            .Produces(StatusCodes.Status200OK, contentType: InviteQrCode.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var me = app.MapGroup("/api/v1/me/coaches").WithTags("Your coaches").RequireAuthorization(AccountRegistration.ApiPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapPost("", Accept).WithName("AcceptCoachInvite")
            .WithSummary("Accept a coach's invitation, saying for each kind of data (progress, sessions, screens, program) whether the coach may see it")
            .Accepts<AcceptInviteJson>("application/json")
            .Produces<CoachLinkJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        me.MapGet("", ListLinks).WithName("ListCoachLinks")
            .WithSummary("Your coaches: current links first, then ended ones, with what each may see")
            .Produces<CoachLinkListJson>();
        me.MapPut("/{id}/shares", ChangeShares).WithName("ChangeCoachShares")
            .WithSummary("Change what one coach may see; a kind you stop sharing is hidden from them at once")
            .Accepts<CoachSharesJson>("application/json")
            .Produces<CoachLinkJson>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapDelete("/{id}", EndByClient).WithName("EndCoachLink")
            .WithSummary("End your link with a coach: they can no longer see any of your data, at once")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/activity", Activity).WithName("ListCoachActivity")
            .WithSummary("Who looked at your data and when: every coach's view, link and change, newest first, in plain words")
            .Produces<CoachActivityListJson>();

        app.MapOrganisationApi();
        return app;
    }

    private static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }

    // ---- the coach's side -----------------------------------------------------------------------------------------

    /// <summary>The signed-in coach, or the 401 or 403 to answer.</summary>
    internal static async Task<(CoachContext? Coach, IResult? Refusal)> CoachAsync(HttpContext context, CoachAccess access, CancellationToken ct)
    {
        var (coach, refusal) = await access.CoachAsync(context.User, ct);
        // The same refusals as the dashboard's: 401 for nobody, 403 for someone who is not a coach.
        return refusal is { } why ? (null, CoachProblems.Refused(why)) : (coach, null);
    }

    private static async Task<IResult> CreateInvite(HttpContext context, CoachAccess access, CoachRecords coaching, IConfiguration config, CancellationToken ct)
    {
        const string title = "The invitation could not be made";
        if (await CoachAsync(context, access, ct) is var (coach, refusal) && coach is null)
        {
            return refusal!;
        }
        string? label = null;
        // The body may be empty: a label is optional.
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, title, "an optional label", ct);
            if (document is null)
            {
                return bad!;
            }
            var errors = new FieldErrors();
            using (document)
            {
                foreach (var property in RequestValues.Once(document.RootElement, InviteFields, errors, []))
                {
                    if (property.Name == "label")
                    {
                        label = RequestValues.Text(property.Value, "label", CoachInvite.LabelLength, errors);
                    }
                    else
                    {
                        JsonBody.RefuseUnknown(property, InviteFields, "an invitation", errors);
                    }
                }
            }
            if (errors.Any)
            {
                return errors.ToProblem(title);
            }
        }
        var (invite, secret) = await coaching.CreateInviteAsync(coach.Id, coach.Membership.OrganisationId, label, ct);
        var url = InviteQrCode.JoinUrl(context.Request, config, secret);
        return TypedResults.Created($"/api/v1/invites/{secret}",
            new NewCoachInviteJson(invite.Id, invite.Label, invite.CreatedAt, invite.ExpiresAt, url, InviteQrCode.Url(context.Request, config, secret)));
    }

    private static async Task<IResult> ListInvites(HttpContext context, CoachAccess access, CoachRecords coaching, TimeProvider time, CancellationToken ct)
    {
        if (await CoachAsync(context, access, ct) is var (coach, refusal) && coach is null)
        {
            return refusal!;
        }
        var now = time.GetUtcNow();
        return TypedResults.Ok(new CoachInviteListJson([.. (await coaching.PendingInvitesAsync(coach.Id, ct)).Select(i => CoachInviteJson.From(i, now))]));
    }

    private static async Task<IResult> WithdrawInvite(string id, HttpContext context, CoachAccess access, CoachRecords coaching, CancellationToken ct)
    {
        if (await CoachAsync(context, access, ct) is var (coach, refusal) && coach is null)
        {
            return refusal!;
        }
        return Guid.TryParse(id, out var inviteId) && await coaching.WithdrawInviteAsync(coach.Id, inviteId, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such invitation",
                detail: "You have no unused invitation with that id: it may have been accepted or withdrawn already.");
    }

    private static async Task<IResult> EndByCoach(string clientId, HttpContext context, CoachAccess access, CoachRecords coaching, CancellationToken ct)
    {
        if (await CoachAsync(context, access, ct) is var (coach, refusal) && coach is null)
        {
            return refusal!;
        }
        return Guid.TryParse(clientId, out var client) && await coaching.EndByCoachAsync(coach.Id, client, ct)
            ? TypedResults.NoContent()
            : CoachProblems.NoSuchClient("You have no current link with that person.");
    }

    // ---- an invitation's link, for anyone who has it --------------------------------------------------------------

    private static async Task<IResult> GetInvitation(string secret, CoachRecords coaching, CancellationToken ct) =>
        await coaching.FindInviteAsync(secret, ct) is { } view ? TypedResults.Ok(InvitationJson.From(view)) : NoSuchInvitation();

    private static async Task<IResult> InvitationQrCode(string secret, HttpContext context, CoachRecords coaching, IConfiguration config, CancellationToken ct)
    {
        // Only for a real invitation: not a QR code maker for any text.
        if (await coaching.FindInviteAsync(secret, ct) is null)
        {
            return NoSuchInvitation();
        }
        var svg = InviteQrCode.Svg(InviteQrCode.JoinUrl(context.Request, config, secret), "QR code of the invitation link");
        return TypedResults.Text(svg, InviteQrCode.MediaType);
    }

    // ---- the client's side ----------------------------------------------------------------------------------------

    private static async Task<IResult> Accept(HttpContext context, SignedInPerson signedIn, ConsentRecords consents, CoachRecords coaching, CancellationToken ct)
    {
        const string title = "The invitation could not be accepted";
        // Sharing health data with a coach is processing it: only with the health-data consent.
        if (await MeApi.ConsentingPersonAsync(context, signedIn, consents, ct) is var (person, refusal) && person is null)
        {
            return refusal!;
        }
        var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, title, "invite (the secret of the invitation link) and shares", ct);
        if (document is null)
        {
            return bad!;
        }
        var errors = new FieldErrors();
        string? secret = null;
        CoachShares? shares = null;
        using (document)
        {
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in RequestValues.Once(document.RootElement, AcceptFields, errors, given))
            {
                switch (property.Name)
                {
                    case "invite":
                        if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString()!.Trim() is { Length: > 0 } text)
                        {
                            if (text.Length > 2000)
                            {
                                errors.Add("invite", "invite is too long to be an invitation's secret or link.");
                            }
                            else
                            {
                                secret = text;
                            }
                        }
                        else
                        {
                            errors.Add("invite", property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null
                                ? MissingInvite
                                : "invite must be text: the secret at the end of the invitation link, or the whole link.");
                        }
                        break;
                    case "shares":
                        shares = ReadShares(property.Value, "shares", errors);
                        break;
                    default:
                        JsonBody.RefuseUnknown(property, AcceptFields, "an acceptance", errors);
                        break;
                }
            }
            if (!given.Contains("invite"))
            {
                errors.Add("invite", MissingInvite);
            }
            if (!given.Contains("shares"))
            {
                errors.Add("shares", $"shares is missing: say for each of {string.Join(", ", ShareFields)} whether the coach may see it (true or false).");
            }
        }
        if (errors.Any || secret is null || shares is null)
        {
            return errors.ToProblem(title);
        }

        var (outcome, link) = await coaching.AcceptAsync(SecretOf(secret), person.Id, shares, ct);
        if (outcome == AcceptOutcome.Linked && link is not null)
        {
            var view = (await coaching.ClientLinksAsync(person.Id, ct)).First(v => v.Link.Id == link.Id);
            return TypedResults.Created("/api/v1/me/coaches", CoachLinkJson.From(view));
        }
        var invitation = await coaching.FindInviteAsync(SecretOf(secret), ct);
        var detail = CoachLinkWords.Refusal(outcome, invitation?.CoachName ?? "your coach", invitation?.OrganisationName ?? "")!;
        return outcome switch
        {
            AcceptOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such invitation", detail: "invite: " + detail),
            AcceptOutcome.OwnInvite => FieldErrors.One(title, "invite", detail),
            AcceptOutcome.Expired or AcceptOutcome.AlreadyUsed or AcceptOutcome.Withdrawn or AcceptOutcome.AlreadyLinked or AcceptOutcome.CoachGone =>
                TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail,
                    extensions: new Dictionary<string, object?> { ["reason"] = ReasonName(outcome) }),
            AcceptOutcome.Linked => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail),
        };
    }

    /// <summary>The secret of an invitation given as its secret or as its whole link (…/join/{secret}).</summary>
    internal static string SecretOf(string invite)
    {
        var text = invite.Trim();
        var at = text.LastIndexOf("/join/", StringComparison.Ordinal);
        var secret = at < 0 ? text : text[(at + "/join/".Length)..];
        return Uri.UnescapeDataString(secret.Split('?', '#')[0].TrimEnd('/'));
    }

    private static string ReasonName(AcceptOutcome outcome) => outcome switch
    {
        AcceptOutcome.Linked => "linked",
        AcceptOutcome.NotFound => "notFound",
        AcceptOutcome.Expired => "expired",
        AcceptOutcome.AlreadyUsed => "alreadyUsed",
        AcceptOutcome.Withdrawn => "withdrawn",
        AcceptOutcome.OwnInvite => "ownInvite",
        AcceptOutcome.AlreadyLinked => "alreadyLinked",
        AcceptOutcome.CoachGone => "coachGone",
    };

    /// <summary>
    /// The four share flags of an object at <paramref name="path"/> ("shares", or "" for a whole body), each required and
    /// true or false, so consent to each kind is always said explicitly; null with errors otherwise.
    /// </summary>
    private static CoachShares? ReadShares(JsonElement value, string path, FieldErrors errors)
    {
        string Field(string name) => path.Length == 0 ? name : $"{path}.{name}";
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path.Length == 0 ? "body" : path,
                $"{(path.Length == 0 ? "The body" : path)} must be an object with {string.Join(", ", ShareFields)}, each true or false.");
            return null;
        }
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in RequestValues.Once(value, ShareFields, errors, seen, path))
        {
            if (!ShareFields.Contains(property.Name, StringComparer.Ordinal))
            {
                var name = Field(FieldErrors.Clip(property.Name));
                errors.Add(name, $"'{FieldErrors.Clip(property.Name)}' is not a kind of data to share; use {string.Join(", ", ShareFields)}.");
            }
            else if (RequestValues.Flag(property.Value, Field(property.Name), errors) is { } flag)
            {
                flags[property.Name] = flag;
            }
        }
        foreach (var name in ShareFields.Where(n => !seen.Contains(n)))
        {
            errors.Add(Field(name), $"{Field(name)} is missing: say whether the coach may see it (true or false).");
        }
        return flags.Count == ShareFields.Length
            ? new CoachShares(flags["progress"], flags["sessions"], flags["screens"], flags["program"])
            : null;
    }

    private static async Task<IResult> ListLinks(HttpContext context, SignedInPerson signedIn, CoachRecords coaching, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        return TypedResults.Ok(new CoachLinkListJson([.. (await coaching.ClientLinksAsync(person.Id, ct)).Select(CoachLinkJson.From)]));
    }

    // Narrowing what a coach sees, or ending the link, never needs the consent: both only take access away.
    private static async Task<IResult> ChangeShares(string id, HttpContext context, SignedInPerson signedIn, CoachRecords coaching, CancellationToken ct)
    {
        const string title = "What you share could not be changed";
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        if (!Guid.TryParse(id, out var linkId) || !(await coaching.ClientLinksAsync(person.Id, ct)).Any(v => v.Link.Id == linkId && v.Link.EndedAt is null))
        {
            return NoSuchLink();
        }
        var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, title, $"{string.Join(", ", ShareFields)}, each true or false", ct);
        if (document is null)
        {
            return bad!;
        }
        var errors = new FieldErrors();
        CoachShares? shares;
        using (document)
        {
            shares = ReadShares(document.RootElement, "", errors);
        }
        if (errors.Any || shares is null)
        {
            return errors.ToProblem(title);
        }
        var changed = await coaching.ChangeSharesAsync(person.Id, linkId, shares, ct);
        if (changed is null)
        {
            return NoSuchLink();
        }
        var view = (await coaching.ClientLinksAsync(person.Id, ct)).First(v => v.Link.Id == linkId);
        return TypedResults.Ok(CoachLinkJson.From(view));
    }

    private static async Task<IResult> EndByClient(string id, HttpContext context, SignedInPerson signedIn, CoachRecords coaching, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        return Guid.TryParse(id, out var linkId) && await coaching.EndByClientAsync(person.Id, linkId, ct)
            ? TypedResults.NoContent()
            : NoSuchLink();
    }

    private static async Task<IResult> Activity(HttpContext context, SignedInPerson signedIn, CoachRecords coaching, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        var activity = await ActivityAsync(coaching, person.Id, ct);
        return TypedResults.Ok(new CoachActivityListJson([.. activity.Select(CoachActivityJson.From)]));
    }

    /// <summary>The client's coaching log in words, newest first.</summary>
    public static async Task<IReadOnlyList<CoachActivity>> ActivityAsync(CoachRecords coaching, Guid clientId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(coaching);
        var links = (await coaching.ClientLinksAsync(clientId, ct)).ToDictionary(v => v.Link.Id);
        return [.. (await coaching.ClientEventsAsync(clientId, ct: ct)).Select(e => CoachLinkWords.Activity(e, links))];
    }

    // ---- answers --------------------------------------------------------------------------------------------------

    private static ProblemHttpResult NoSuchLink() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such link",
        detail: "You have no current link with a coach with that id: it may have ended already.");

    private static ProblemHttpResult NoSuchInvitation() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such invitation",
        detail: "This invitation link is not known. Check that the whole link was copied, or ask your coach for a new one.");
}
