using System.Security.Claims;
using Limber.Storage;
using Limber.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Limber.Web.Coaching;

/// <summary>A signed-in coach: the account and the organisation membership they coach from.</summary>
public sealed record CoachContext(SignedInAccount Person, OrganisationMember Membership)
{
    public Guid Id => Person.Id;
}

/// <summary>Why a coach may not read what they asked for. A closed set.</summary>
public enum CoachRefusal
{
    /// <summary>Nobody is signed in.</summary>
    NotSignedIn,

    /// <summary>Signed in, but not a coach of any organisation.</summary>
    NotACoach,

    /// <summary>
    /// No active link with that person, the link does not share that kind of data, or the client has withdrawn the
    /// health-data consent. One answer for all three, so a coach learns nothing about who else uses Limber.
    /// </summary>
    NoSuchClient,
}

/// <summary>
/// The one way into a client's data for a coach (issue 10, product.md part 9): the coach must be signed in and a
/// coach of an organisation; the client must have an active link with them that shares the kind of data asked for,
/// and a current health-data consent. Every read it allows writes an audit event the client sees.
/// </summary>
public sealed class CoachAccess(SignedInPerson signedIn, CoachRecords coaching, ConsentRecords consents)
{
    /// <summary>The signed-in coach, or why there is none.</summary>
    public async Task<(CoachContext? Coach, CoachRefusal? Refusal)> CoachAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var person = await signedIn.FindAsync(principal, ct);
        if (person is null)
        {
            return (null, CoachRefusal.NotSignedIn);
        }
        var membership = await coaching.CoachMembershipAsync(person.Id, ct);
        return membership is null ? (null, CoachRefusal.NotACoach) : (new CoachContext(person, membership), null);
    }

    /// <summary>
    /// The link through which <paramref name="coach"/> may see <paramref name="kind"/> of the client's data, after
    /// writing the audit event of this view (<paramref name="what"/>: "progress", "sessions", "program", …); null, with
    /// nothing written, when the coach may not. A null <paramref name="kind"/> asks only for the link itself (the
    /// client's name label and what they share), which every active link allows.
    /// </summary>
    public async Task<CoachLink?> ClientAsync(CoachContext coach, Guid clientId, ShareKind? kind, string what, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(coach);
        var link = await LinkAsync(coach, clientId, kind, ct);
        if (link is not null)
        {
            await coaching.RecordViewAsync(link, what, ct);
        }
        return link;
    }

    /// <summary>The same check without writing an audit event: for a change (which writes its own) or a check before one.</summary>
    public async Task<CoachLink?> LinkAsync(CoachContext coach, Guid clientId, ShareKind? kind, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(coach);
        var link = await coaching.ActiveLinkAsync(coach.Id, clientId, ct);
        if (link is null)
        {
            return null;
        }
        if (kind is { } k && !CoachShares.Of(link).Allows(k))
        {
            return null;
        }
        // Health data is processed only with the client's consent: withdrawing it stops coaches' reads too.
        if (kind is not null && await consents.CurrentAsync(clientId, Consent.HealthData, ct) is null)
        {
            return null;
        }
        return link;
    }
}

/// <summary>The API's answers when <see cref="CoachAccess"/> says no: one wording for every coaching endpoint.</summary>
public static class CoachProblems
{
    /// <summary>401 when nobody is signed in, 403 for someone who is not a coach, 404 for no such client.</summary>
    public static ProblemHttpResult Refused(CoachRefusal? refusal) => refusal switch
    {
        CoachRefusal.NotSignedIn or null => MeApi.NotSignedIn(),
        CoachRefusal.NotACoach => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not a coach",
            detail: "Coaching mode is for the trainers and therapists of an organisation on this Limber. Ask your organisation's administrator to add you as a coach."),
        CoachRefusal.NoSuchClient => NoSuchClient(),
    };

    /// <summary>The one answer for a person who is not the coach's client, or does not share what was asked for.</summary>
    public static ProblemHttpResult NoSuchClient(string detail = "You have no active client with that id who shares this with you.") =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such client", detail: detail);
}
