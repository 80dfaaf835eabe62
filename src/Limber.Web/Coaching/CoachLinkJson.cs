using Limber.Storage;

namespace Limber.Web.Coaching;

/// <summary>What a client shares with one coach, each kind on its own.</summary>
public sealed record CoachSharesJson(bool Progress, bool Sessions, bool Screens, bool Program)
{
    public static CoachSharesJson From(CoachShares shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        return new(shares.Progress, shares.Sessions, shares.Screens, shares.Program);
    }
}

/// <summary>A new invitation's optional label: the coach's own note of whom it is for, never shown to the client.</summary>
public sealed record CoachInviteRequestJson(string? Label);

/// <summary>One of the coach's invitations not used nor withdrawn; its link cannot be shown again (only its hash is kept).</summary>
public sealed record CoachInviteJson(Guid Id, string? Label, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Expired)
{
    public static CoachInviteJson From(CoachInvite invite, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(invite);
        return new(invite.Id, invite.Label, invite.CreatedAt, invite.ExpiresAt, invite.ExpiresAt <= now);
    }
}

/// <summary>A new invitation with its link and the address of its QR code: shown this once, so pass it on now.</summary>
public sealed record NewCoachInviteJson(Guid Id, string? Label, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Url, string QrCodeUrl);

/// <summary>The coach's invitations not used nor withdrawn, newest first; expired ones are marked.</summary>
public sealed record CoachInviteListJson(IReadOnlyList<CoachInviteJson> Invites);

/// <summary>An invitation as its link shows it to anyone: who invites, from where, and whether it can still be used.</summary>
public sealed record InvitationJson(string Coach, string Organisation, string State, DateTimeOffset ExpiresAt)
{
    public static InvitationJson From(InviteView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new(view.CoachName, view.OrganisationName, CoachLinkWords.Name(view.State), view.Invite.ExpiresAt);
    }
}

/// <summary>Accepting an invitation: its secret (or its whole link) and what to share, each kind said explicitly.</summary>
public sealed record AcceptInviteJson(string Invite, CoachSharesJson Shares);

/// <summary>A client's link with a coach, current or ended; endedBy is client, coach or organisation.</summary>
public sealed record CoachLinkJson(
    Guid Id,
    string Coach,
    string Organisation,
    CoachSharesJson Shares,
    DateTimeOffset StartedAt,
    DateTimeOffset? SharesChangedAt,
    DateTimeOffset? EndedAt,
    string? EndedBy)
{
    public static CoachLinkJson From(LinkView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var link = view.Link;
        return new(link.Id, view.CoachName, view.OrganisationName, CoachSharesJson.From(CoachShares.Of(link)), link.StartedAt, link.SharesChangedAt,
            link.EndedAt, link.EndedBy is { } by ? CoachLinkWords.Name(by) : null);
    }
}

/// <summary>The client's links, current ones first.</summary>
public sealed record CoachLinkListJson(IReadOnlyList<CoachLinkJson> Coaches);

/// <summary>One coaching event of the client's log: when, the audit action, the coach, and what happened in words.</summary>
public sealed record CoachActivityJson(DateTimeOffset At, string Action, string Coach, string Organisation, string Text)
{
    public static CoachActivityJson From(CoachActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new(activity.At, activity.Action, activity.Coach, activity.Organisation, activity.Text);
    }
}

/// <summary>The client's coaching log, newest first: links, changes to what is shared, every look at their data.</summary>
public sealed record CoachActivityListJson(IReadOnlyList<CoachActivityJson> Events);

/// <summary>One of the caller's places in an organisation.</summary>
public sealed record OrganisationMembershipJson(Guid Id, string Name, string DisplayName, bool IsCoach, bool IsAdmin, DateTimeOffset AddedAt);

public sealed record OrganisationMembershipListJson(IReadOnlyList<OrganisationMembershipJson> Organisations);

/// <summary>A member of an organisation as its administrators see them, with how many clients they follow now.</summary>
public sealed record OrganisationMemberJson(Guid PersonId, string DisplayName, string? Email, bool IsCoach, bool IsAdmin, int ActiveClients, DateTimeOffset AddedAt)
{
    public static OrganisationMemberJson From(MemberView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var m = view.Member;
        return new(m.PersonId, m.DisplayName, view.Email, m.IsCoach, m.IsAdmin, view.ActiveClients, m.AddedAt);
    }
}

/// <summary>An organisation and its members, coaches first.</summary>
public sealed record OrganisationMembersJson(Guid Id, string Name, IReadOnlyList<OrganisationMemberJson> Members);

/// <summary>Adding someone to an organisation (by their account's e-mail), or changing their name and roles.</summary>
public sealed record OrganisationMemberRequestJson(string Email, string DisplayName, bool IsCoach, bool IsAdmin);
