using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Hosting;
using Limber.Web.Planning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Limber.Web.Coaching;

/// <summary>
/// Organisations over the API: the caller's own memberships, and for an organisation's administrators its members,
/// adding a coach by their account's e-mail, changing roles and removing someone (which ends their links at once).
/// Someone outside the organisation gets 404, a member who is not an administrator 403.
/// </summary>
public static class OrganisationApi
{
    private static readonly string[] MemberFields = ["email", "displayName", "isCoach", "isAdmin"];
    private static readonly string[] RoleFields = ["isCoach", "isAdmin"];

    public static IEndpointRouteBuilder MapOrganisationApi(this IEndpointRouteBuilder app)
    {
        var organisations = app.MapGroup("/api/v1/organisations").WithTags("Organisations").RequireAuthorization(AccountRegistration.ApiPolicy)
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        organisations.MapGet("/mine", Mine).WithName("ListMyOrganisations")
            .WithSummary("The organisations you are in, with your roles there")
            .Produces<OrganisationMembershipListJson>();
        organisations.MapGet("/{id}/members", Members).WithName("ListOrganisationMembers")
            .WithSummary("An organisation's members with their roles and how many clients each follows now (administrators only)")
            .Produces<OrganisationMembersJson>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        organisations.MapPut("/{id}/members", SetMember).WithName("SetOrganisationMember")
            .WithSummary("Add someone by their Limber account's e-mail, or change a member's name and roles (administrators only); "
                + "taking away the coach role ends their links")
            .Accepts<OrganisationMemberRequestJson>("application/json")
            .Produces<OrganisationMemberJson>()
            .Produces<OrganisationMemberJson>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        organisations.MapDelete("/{id}/members/{personId}", RemoveMember).WithName("RemoveOrganisationMember")
            .WithSummary("Remove someone from the organisation (administrators only): their links with clients end and their invitations are withdrawn, at once")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<IResult> Mine(HttpContext context, SignedInPerson signedIn, CoachRecords coaching, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return MeApi.NotSignedIn();
        }
        var list = new List<OrganisationMembershipJson>();
        foreach (var membership in await coaching.MembershipsAsync(person.Id, ct))
        {
            if (await coaching.FindOrganisationAsync(membership.OrganisationId, ct) is { } organisation)
            {
                list.Add(new OrganisationMembershipJson(organisation.Id, organisation.Name, membership.DisplayName, membership.IsCoach, membership.IsAdmin, membership.AddedAt));
            }
        }
        return TypedResults.Ok(new OrganisationMembershipListJson(list));
    }

    /// <summary>The organisation when the signed-in person administers it; else the 401, 403 or 404 to answer.</summary>
    private static async Task<(SignedInAccount? Admin, Organisation? Organisation, IResult? Refusal)> AdminAsync(
        string id, HttpContext context, SignedInPerson signedIn, CoachRecords coaching, CancellationToken ct)
    {
        if (await signedIn.FindAsync(context.User, ct) is not { } person)
        {
            return (null, null, MeApi.NotSignedIn());
        }
        if (!Guid.TryParse(id, out var organisationId))
        {
            return (null, null, NoSuchOrganisation());
        }
        var (organisation, refusal) = await OrganisationRules.AsAdminAsync(coaching, person.Id, organisationId, ct);
        if (refusal is not { } why)
        {
            return (person, organisation, null);
        }
        return why switch
        {
            OrganisationRefusal.NotFound => (null, null, NoSuchOrganisation()),
            OrganisationRefusal.NotAdmin => (null, null, TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not an administrator",
                detail: "Only the organisation's administrators can see and change its members.")),
        };
    }

    private static async Task<IResult> Members(string id, HttpContext context, SignedInPerson signedIn, CoachRecords coaching, CancellationToken ct)
    {
        if (await AdminAsync(id, context, signedIn, coaching, ct) is var (_, organisation, refusal) && organisation is null)
        {
            return refusal!;
        }
        return TypedResults.Ok(await DescribeAsync(coaching, organisation, ct));
    }

    private static async Task<OrganisationMembersJson> DescribeAsync(CoachRecords coaching, Organisation organisation, CancellationToken ct) =>
        new(organisation.Id, organisation.Name, [.. (await coaching.MembersAsync(organisation.Id, ct)).Select(OrganisationMemberJson.From)]);

    private static async Task<IResult> SetMember(
        string id, HttpContext context, SignedInPerson signedIn, CoachRecords coaching, UserManager<Person> users, CancellationToken ct)
    {
        const string title = "The member could not be saved";
        if (await AdminAsync(id, context, signedIn, coaching, ct) is var (_, organisation, refusal) && organisation is null)
        {
            return refusal!;
        }
        var (document, bad) = await JsonBody.ReadObjectAsync(context.Request, title, "email, displayName, isCoach and isAdmin", ct);
        if (document is null)
        {
            return bad!;
        }
        var errors = new FieldErrors();
        string? email = null, displayName = null;
        bool? isCoach = null, isAdmin = null;
        using (document)
        {
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in RequestValues.Once(document.RootElement, MemberFields, errors, given))
            {
                switch (property.Name)
                {
                    case "email": email = JsonBody.Text(property, errors); break;
                    case "displayName": displayName = JsonBody.Text(property, errors); break;
                    case "isCoach": isCoach = RequestValues.Flag(property.Value, "isCoach", errors); break;
                    case "isAdmin": isAdmin = RequestValues.Flag(property.Value, "isAdmin", errors); break;
                    default: JsonBody.RefuseUnknown(property, MemberFields, "a member", errors); break;
                }
            }
            foreach (var flag in RoleFields.Where(f => !given.Contains(f)))
            {
                errors.Add(flag, $"{flag} is missing: true or false.");
            }
        }
        if (errors.Any)
        {
            return errors.ToProblem(title);
        }
        var (mail, name) = OrganisationRules.Check(email, displayName, isCoach!.Value, isAdmin!.Value, errors.Add);
        if (errors.Any)
        {
            return errors.ToProblem(title);
        }
        if (await OrganisationRules.AccountAsync(users, mail) is not { } account)
        {
            return FieldErrors.One(title, "email", OrganisationRules.NoAccount);
        }

        var (outcome, _) = await OrganisationRules.SetMemberAsync(coaching, organisation.Id, account.Id, name, isCoach.Value, isAdmin.Value, ct);
        var member = (await coaching.MembersAsync(organisation.Id, ct)).FirstOrDefault(m => m.Member.PersonId == account.Id);
        return outcome switch
        {
            MemberChangeOutcome.Added when member is not null => TypedResults.Created($"/api/v1/organisations/{organisation.Id}/members", OrganisationMemberJson.From(member)),
            MemberChangeOutcome.Changed when member is not null => TypedResults.Ok(OrganisationMemberJson.From(member)),
            MemberChangeOutcome.LastAdmin => LastAdmin("isAdmin: " + OrganisationRules.LastAdminMessage),
            // Removed by another administrator at the same moment.
            _ => NoSuchMember(),
        };
    }

    private static async Task<IResult> RemoveMember(string id, string personId, HttpContext context, SignedInPerson signedIn, CoachRecords coaching, CancellationToken ct)
    {
        if (await AdminAsync(id, context, signedIn, coaching, ct) is var (_, organisation, refusal) && organisation is null)
        {
            return refusal!;
        }
        if (!Guid.TryParse(personId, out var member))
        {
            return NoSuchMember();
        }
        return await OrganisationRules.RemoveMemberAsync(coaching, organisation.Id, member, ct) switch
        {
            MemberChangeOutcome.Changed or MemberChangeOutcome.Added => TypedResults.NoContent(),
            MemberChangeOutcome.LastAdmin => LastAdmin(OrganisationRules.LastAdminMessage),
            MemberChangeOutcome.NoSuchMember => NoSuchMember(),
        };
    }

    private static ProblemHttpResult LastAdmin(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "An organisation needs an administrator", detail: detail);

    private static ProblemHttpResult NoSuchOrganisation() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such organisation",
        detail: "You are not in an organisation with that id.");

    private static ProblemHttpResult NoSuchMember() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such member",
        detail: "The organisation has no member with that id.");
}
