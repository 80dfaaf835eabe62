using Limber.Storage;
using Microsoft.AspNetCore.Identity;

namespace Limber.Web.Coaching;

/// <summary>Why someone may not manage an organisation's members. A closed set.</summary>
public enum OrganisationRefusal
{
    /// <summary>No such organisation, or the person is not in it: one answer, so nobody learns which organisations exist.</summary>
    NotFound,

    /// <summary>A member, but not an administrator.</summary>
    NotAdmin,
}

/// <summary>What a change to an organisation's members came to.</summary>
public enum MemberChangeOutcome
{
    Added,
    Changed,

    /// <summary>The change would leave the organisation without an administrator; nothing changed.</summary>
    LastAdmin,

    /// <summary>No member with that id (removal only).</summary>
    NoSuchMember,
}

/// <summary>
/// The rules for an organisation's members, one set for the API and the organisation page: only its administrators
/// manage it; a member is a coach, an administrator or both; a member is added by the e-mail of an existing Limber
/// account; and no change may leave the organisation without an administrator.
/// </summary>
public static class OrganisationRules
{
    public const int DisplayNameLength = 120;
    public const int EmailLength = 256;

    /// <summary>The organisation when <paramref name="personId"/> is one of its administrators; else why not.</summary>
    public static async Task<(Organisation? Organisation, OrganisationRefusal? Refusal)> AsAdminAsync(
        CoachRecords coaching, Guid personId, Guid organisationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(coaching);
        var membership = (await coaching.MembershipsAsync(personId, ct)).FirstOrDefault(m => m.OrganisationId == organisationId);
        if (membership is null || await coaching.FindOrganisationAsync(organisationId, ct) is not { } organisation)
        {
            return (null, OrganisationRefusal.NotFound);
        }
        return membership.IsAdmin ? (organisation, null) : (null, OrganisationRefusal.NotAdmin);
    }

    /// <summary>
    /// Checks a member's details, each problem under its field (email, displayName, isCoach); answers the trimmed
    /// e-mail and name.
    /// </summary>
    public static (string Email, string DisplayName) Check(string? email, string? displayName, bool isCoach, bool isAdmin, Action<string, string> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var mail = (email ?? "").Trim();
        if (mail.Length == 0)
        {
            problem("email", "Enter the e-mail address of the person's Limber account.");
        }
        else if (mail.Length > EmailLength || !mail.Contains('@', StringComparison.Ordinal) || mail.Any(char.IsControl))
        {
            problem("email", "Enter an e-mail address like name@example.org.");
        }
        return (mail, CheckRoles(displayName, isCoach, isAdmin, problem));
    }

    /// <summary>Checks a member's name and roles, each problem under its field (displayName, isCoach); answers the trimmed name.</summary>
    public static string CheckRoles(string? displayName, bool isCoach, bool isAdmin, Action<string, string> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var name = (displayName ?? "").Trim();
        if (name.Length == 0)
        {
            problem("displayName", "Enter the name clients will see, like \"Sam Patel, physiotherapist\".");
        }
        else if (name.Length > DisplayNameLength)
        {
            problem("displayName", $"The name can be at most {DisplayNameLength} characters.");
        }
        else if (name.Any(char.IsControl))
        {
            problem("displayName", "The name must be on one line, without control characters.");
        }
        if (!isCoach && !isAdmin)
        {
            problem("isCoach", "A member is a coach, an administrator or both. To take someone out of the organisation, remove them instead.");
        }
        return name;
    }

    /// <summary>The account with this e-mail address, found the way sign-in finds it; null when there is none.</summary>
    public static Task<Person?> AccountAsync(UserManager<Person> users, string email)
    {
        ArgumentNullException.ThrowIfNull(users);
        return users.FindByEmailAsync(email);
    }

    public const string NoAccount = "No Limber account uses this e-mail address. Ask the person to create one, then add them.";

    public const string LastAdminMessage =
        "An organisation needs at least one administrator. Make someone else an administrator first.";

    /// <summary>Adds someone, or changes their name and roles, unless that leaves the organisation without an administrator.</summary>
    public static async Task<(MemberChangeOutcome Outcome, OrganisationMember? Member)> SetMemberAsync(
        CoachRecords coaching, Guid organisationId, Guid personId, string displayName, bool isCoach, bool isAdmin, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(coaching);
        var members = await coaching.MembersAsync(organisationId, ct);
        var current = members.FirstOrDefault(m => m.Member.PersonId == personId)?.Member;
        if (current is { IsAdmin: true } && !isAdmin && !members.Any(m => m.Member.IsAdmin && m.Member.PersonId != personId))
        {
            return (MemberChangeOutcome.LastAdmin, current);
        }
        var member = await coaching.SetMemberAsync(organisationId, personId, displayName, isCoach, isAdmin, ct);
        return (current is null ? MemberChangeOutcome.Added : MemberChangeOutcome.Changed, member);
    }

    /// <summary>Removes a member (ending their links and withdrawing their invitations), unless they are the last administrator.</summary>
    public static async Task<MemberChangeOutcome> RemoveMemberAsync(CoachRecords coaching, Guid organisationId, Guid personId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(coaching);
        var members = await coaching.MembersAsync(organisationId, ct);
        var current = members.FirstOrDefault(m => m.Member.PersonId == personId)?.Member;
        if (current is null)
        {
            return MemberChangeOutcome.NoSuchMember;
        }
        if (current.IsAdmin && !members.Any(m => m.Member.IsAdmin && m.Member.PersonId != personId))
        {
            return MemberChangeOutcome.LastAdmin;
        }
        return await coaching.RemoveMemberAsync(organisationId, personId, ct) ? MemberChangeOutcome.Changed : MemberChangeOutcome.NoSuchMember;
    }
}
