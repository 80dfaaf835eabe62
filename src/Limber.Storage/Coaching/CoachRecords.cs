using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>What a client shares with one coach: each kind separately.</summary>
public sealed record CoachShares(bool Progress, bool Sessions, bool Screens, bool Program)
{
    public static CoachShares None { get; } = new(false, false, false, false);

    public static CoachShares Of(CoachLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new(link.SharesProgress, link.SharesSessions, link.SharesScreens, link.SharesProgram);
    }

    public bool Allows(ShareKind kind) => kind switch
    {
        ShareKind.Progress => Progress,
        ShareKind.Sessions => Sessions,
        ShareKind.Screens => Screens,
        ShareKind.Program => Program,
    };
}

/// <summary>The kinds of data a client may share with a coach. A closed set.</summary>
public enum ShareKind
{
    Progress,
    Sessions,
    Screens,
    Program,
}

/// <summary>Where an invitation stands.</summary>
public enum InviteState
{
    Open,
    Expired,
    Accepted,
    Withdrawn,
}

/// <summary>An invitation as its link shows it: who invites, from which organisation, and whether it can be used.</summary>
public sealed record InviteView(CoachInvite Invite, string CoachName, string OrganisationName, InviteState State);

/// <summary>What accepting an invitation came to.</summary>
public enum AcceptOutcome
{
    Linked,
    NotFound,
    Expired,
    AlreadyUsed,
    Withdrawn,

    /// <summary>A coach cannot be their own client.</summary>
    OwnInvite,

    /// <summary>The person already has an active link with this coach; the invitation stays unused.</summary>
    AlreadyLinked,

    /// <summary>The coach is no longer a coach of the organisation that invited.</summary>
    CoachGone,
}

/// <summary>A link with the names that go with it.</summary>
public sealed record LinkView(CoachLink Link, string CoachName, string OrganisationName);

/// <summary>A member of an organisation, with how many clients they follow now.</summary>
public sealed record MemberView(OrganisationMember Member, string? Email, int ActiveClients);

/// <summary>
/// Coaching mode's links (issue 10): organisations and their members, invitations, the links between coaches and
/// clients with what each client shares, and the audit events every coach view writes for the client to see.
/// </summary>
public sealed class CoachRecords(LimberDbContext db, TimeProvider time)
{
    /// <summary>The version of the sharing wording a client agrees to when linking.</summary>
    public const string ShareConsentVersion = "2026-11";

    public static readonly TimeSpan InviteLifetime = TimeSpan.FromDays(14);

    // ---- organisations -------------------------------------------------------------------------------------------

    /// <summary>Creates an organisation with its first administrator (also a coach); null when the name is taken.</summary>
    public async Task<Organisation?> CreateOrganisationAsync(string name, Guid adminId, string adminDisplayName, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(adminDisplayName);
        var trimmed = name.Trim();
        if (await db.Organisations.AnyAsync(o => o.Name == trimmed, ct))
        {
            return null;
        }
        var now = StoredTime.Now(time);
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = trimmed, CreatedAt = now };
        db.Organisations.Add(organisation);
        db.OrganisationMembers.Add(new OrganisationMember
        {
            PersonId = adminId,
            OrganisationId = organisation.Id,
            IsAdmin = true,
            IsCoach = true,
            DisplayName = adminDisplayName.Trim(),
            AddedAt = now,
        });
        await SaveAsync(ct);
        return organisation;
    }

    public Task<Organisation?> FindOrganisationAsync(Guid id, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);

    public Task<Organisation?> FindOrganisationAsync(string name, CancellationToken ct = default) =>
        db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Name == name.Trim(), ct);

    /// <summary>The person's memberships, oldest first.</summary>
    public async Task<IReadOnlyList<OrganisationMember>> MembershipsAsync(Guid personId, CancellationToken ct = default) =>
        await db.OrganisationMembers.AsNoTracking().Where(m => m.PersonId == personId)
            .OrderBy(m => m.AddedAt).ThenBy(m => m.Id).ToListAsync(ct);

    /// <summary>The membership a coach invites from: the oldest where they coach; null for someone who is not a coach.</summary>
    public async Task<OrganisationMember?> CoachMembershipAsync(Guid personId, CancellationToken ct = default) =>
        (await MembershipsAsync(personId, ct)).FirstOrDefault(m => m.IsCoach);

    /// <summary>Adds someone to an organisation, or changes their roles and name when they are in it already.</summary>
    public async Task<OrganisationMember> SetMemberAsync(
        Guid organisationId, Guid personId, string displayName, bool isCoach, bool isAdmin, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        var member = await db.OrganisationMembers.SingleOrDefaultAsync(m => m.OrganisationId == organisationId && m.PersonId == personId, ct);
        if (member is null)
        {
            member = new OrganisationMember
            {
                PersonId = personId,
                OrganisationId = organisationId,
                DisplayName = displayName.Trim(),
                AddedAt = StoredTime.Now(time),
            };
            db.OrganisationMembers.Add(member);
        }
        var stopsCoaching = member.IsCoach && !isCoach;
        member.DisplayName = displayName.Trim();
        member.IsCoach = isCoach;
        member.IsAdmin = isAdmin;
        if (stopsCoaching)
        {
            await EndCoachLinksAsync(organisationId, personId, ct);
        }
        await SaveAsync(ct);
        return member;
    }

    /// <summary>
    /// Removes someone from an organisation. Their links with clients of that organisation end at once (each client's
    /// log says so) and their open invitations are withdrawn. False when they were not a member.
    /// </summary>
    public async Task<bool> RemoveMemberAsync(Guid organisationId, Guid personId, CancellationToken ct = default)
    {
        var member = await db.OrganisationMembers.SingleOrDefaultAsync(m => m.OrganisationId == organisationId && m.PersonId == personId, ct);
        if (member is null)
        {
            return false;
        }
        db.OrganisationMembers.Remove(member);
        await EndCoachLinksAsync(organisationId, personId, ct);
        await SaveAsync(ct);
        return true;
    }

    /// <summary>The organisation's members, coaches first by name, with their active clients.</summary>
    public async Task<IReadOnlyList<MemberView>> MembersAsync(Guid organisationId, CancellationToken ct = default)
    {
        var rows = await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId)
            .Select(m => new
            {
                Member = m,
                Email = db.Users.Where(u => u.Id == m.PersonId).Select(u => u.Email).FirstOrDefault(),
                Clients = db.CoachLinks.Count(l => l.CoachId == m.PersonId && l.OrganisationId == organisationId && l.EndedAt == null),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new MemberView(r.Member, r.Email, r.Clients))
            .OrderByDescending(r => r.Member.IsCoach).ThenBy(r => r.Member.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    private async Task EndCoachLinksAsync(Guid organisationId, Guid coachId, CancellationToken ct)
    {
        var now = StoredTime.Now(time);
        var links = await db.CoachLinks.Where(l => l.CoachId == coachId && l.OrganisationId == organisationId && l.EndedAt == null).ToListAsync(ct);
        foreach (var link in links)
        {
            link.EndedAt = now;
            link.EndedBy = CoachLinkEndedBy.Organisation;
            db.AuditEvents.Add(new AuditEvent
            {
                At = now,
                Action = AuditEvent.CoachLinkEnded,
                ActorKind = AuditActorKind.Coach,
                SubjectRef = Subject(link.Id),
                PersonId = link.PersonId,
            });
        }
        await db.CoachInvites
            .Where(i => i.PersonId == coachId && i.OrganisationId == organisationId && i.AcceptedAt == null && i.WithdrawnAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.WithdrawnAt, now), ct);
    }

    // ---- invitations ---------------------------------------------------------------------------------------------

    /// <summary>A new invitation from a coach of the organisation, and the secret for its link (shown once, stored hashed).</summary>
    public async Task<(CoachInvite Invite, string Secret)> CreateInviteAsync(
        Guid coachId, Guid organisationId, string? label, CancellationToken ct = default)
    {
        var secret = NewSecret();
        var now = StoredTime.Now(time);
        var invite = new CoachInvite
        {
            Id = Guid.NewGuid(),
            PersonId = coachId,
            OrganisationId = organisationId,
            TokenHash = Hash(secret),
            Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim(),
            CreatedAt = now,
            ExpiresAt = now + InviteLifetime,
        };
        db.CoachInvites.Add(invite);
        await SaveAsync(ct);
        return (invite, secret);
    }

    /// <summary>The coach's invitations not yet used nor withdrawn, newest first (expired ones included, marked by date).</summary>
    public async Task<IReadOnlyList<CoachInvite>> PendingInvitesAsync(Guid coachId, CancellationToken ct = default) =>
        [.. (await db.CoachInvites.AsNoTracking()
            .Where(i => i.PersonId == coachId && i.AcceptedAt == null && i.WithdrawnAt == null)
            .ToListAsync(ct))
            .OrderByDescending(i => i.CreatedAt)];

    /// <summary>Withdraws one of the coach's unused invitations; false when there is none such.</summary>
    public async Task<bool> WithdrawInviteAsync(Guid coachId, Guid inviteId, CancellationToken ct = default)
    {
        var now = StoredTime.Now(time);
        return await db.CoachInvites
            .Where(i => i.Id == inviteId && i.PersonId == coachId && i.AcceptedAt == null && i.WithdrawnAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.WithdrawnAt, now), ct) == 1;
    }

    /// <summary>The invitation a link's secret belongs to, with who sends it; null for an unknown secret.</summary>
    public async Task<InviteView?> FindInviteAsync(string secret, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 100)
        {
            return null;
        }
        var hash = Hash(secret);
        var invite = await db.CoachInvites.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invite is null)
        {
            return null;
        }
        var coach = await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.PersonId == invite.PersonId && m.OrganisationId == invite.OrganisationId)
            .Select(m => m.DisplayName).FirstOrDefaultAsync(ct);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == invite.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var now = StoredTime.Now(time);
        var state = invite.AcceptedAt is not null ? InviteState.Accepted
            : invite.WithdrawnAt is not null || coach is null ? InviteState.Withdrawn
            : invite.ExpiresAt <= now ? InviteState.Expired
            : InviteState.Open;
        return new InviteView(invite, coach ?? "a former coach", organisation ?? "", state);
    }

    /// <summary>
    /// Accepts an invitation for <paramref name="clientId"/> with what they chose to share, in one transaction: the
    /// invitation is used once (a second acceptance, even at the same moment, finds it used), the link starts, and
    /// the client's log records it.
    /// </summary>
    public Task<(AcceptOutcome Outcome, CoachLink? Link)> AcceptAsync(string secret, Guid clientId, CoachShares shares, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(shares);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var view = await FindInviteAsync(secret, ct);
            if (view is null)
            {
                return (AcceptOutcome.NotFound, (CoachLink?)null);
            }
            var invite = view.Invite;
            if (invite.PersonId == clientId)
            {
                return (AcceptOutcome.OwnInvite, null);
            }
            switch (view.State)
            {
                case InviteState.Accepted: return (AcceptOutcome.AlreadyUsed, null);
                case InviteState.Withdrawn:
                    return (await IsCoachAsync(invite.PersonId, invite.OrganisationId, ct) ? AcceptOutcome.Withdrawn : AcceptOutcome.CoachGone, null);
                case InviteState.Expired: return (AcceptOutcome.Expired, null);
                case InviteState.Open: break;
            }
            if (!await IsCoachAsync(invite.PersonId, invite.OrganisationId, ct))
            {
                return (AcceptOutcome.CoachGone, null);
            }
            if (await db.CoachLinks.AsNoTracking().FirstOrDefaultAsync(l => l.PersonId == clientId && l.CoachId == invite.PersonId && l.EndedAt == null, ct) is { } existing)
            {
                return (AcceptOutcome.AlreadyLinked, existing);
            }

            var now = StoredTime.Now(time);
            // The conditional update is what makes the invitation single-use when two acceptances race.
            var claimed = await db.CoachInvites
                .Where(i => i.Id == invite.Id && i.AcceptedAt == null && i.WithdrawnAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct);
            if (claimed != 1)
            {
                return (AcceptOutcome.AlreadyUsed, null);
            }
            var link = new CoachLink
            {
                Id = Guid.NewGuid(),
                PersonId = clientId,
                CoachId = invite.PersonId,
                OrganisationId = invite.OrganisationId,
                InviteId = invite.Id,
                Label = invite.Label,
                CoachName = view.CoachName,
                SharesProgress = shares.Progress,
                SharesSessions = shares.Sessions,
                SharesScreens = shares.Screens,
                SharesProgram = shares.Program,
                ConsentVersion = ShareConsentVersion,
                StartedAt = now,
            };
            db.CoachLinks.Add(link);
            db.AuditEvents.Add(AuditEvent.ForPerson(clientId, now, AuditEvent.CoachLinked, Subject(link.Id) + "/" + SharesText(shares)));
            await SaveAsync(ct);
            await transaction.CommitAsync(ct);
            return (AcceptOutcome.Linked, link);
        }, ct);
    }

    private Task<bool> IsCoachAsync(Guid personId, Guid organisationId, CancellationToken ct) =>
        db.OrganisationMembers.AnyAsync(m => m.PersonId == personId && m.OrganisationId == organisationId && m.IsCoach, ct);

    // ---- links ---------------------------------------------------------------------------------------------------

    /// <summary>Every link of the client, current ones first, with the coaches' names.</summary>
    public async Task<IReadOnlyList<LinkView>> ClientLinksAsync(Guid clientId, CancellationToken ct = default)
    {
        var rows = await db.CoachLinks.AsNoTracking()
            .Where(l => l.PersonId == clientId)
            .Select(l => new
            {
                Link = l,
                Coach = db.OrganisationMembers.Where(m => m.PersonId == l.CoachId && m.OrganisationId == l.OrganisationId).Select(m => m.DisplayName).FirstOrDefault(),
                Organisation = db.Organisations.Where(o => o.Id == l.OrganisationId).Select(o => o.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows
            .Select(r => new LinkView(r.Link, r.Coach ?? r.Link.CoachName ?? "A former coach", r.Organisation ?? ""))
            .OrderBy(v => v.Link.EndedAt is not null).ThenByDescending(v => v.Link.StartedAt)];
    }

    /// <summary>The coach's clients now: links not ended, oldest first.</summary>
    public async Task<IReadOnlyList<CoachLink>> ActiveClientsAsync(Guid coachId, CancellationToken ct = default) =>
        [.. (await db.CoachLinks.AsNoTracking().Where(l => l.CoachId == coachId && l.EndedAt == null).ToListAsync(ct))
            .OrderBy(l => l.StartedAt).ThenBy(l => l.Id)];

    /// <summary>
    /// The link a coach may read a client's data through: not ended, and the coach still a coach of its organisation.
    /// Null otherwise, so every read of a client's data starts here.
    /// </summary>
    public Task<CoachLink?> ActiveLinkAsync(Guid coachId, Guid clientId, CancellationToken ct = default) =>
        db.CoachLinks.AsNoTracking()
            .Where(l => l.CoachId == coachId && l.PersonId == clientId && l.EndedAt == null
                && db.OrganisationMembers.Any(m => m.PersonId == coachId && m.OrganisationId == l.OrganisationId && m.IsCoach))
            .FirstOrDefaultAsync(ct);

    /// <summary>The client ends one of their links; false when it is not theirs or has ended already.</summary>
    public Task<bool> EndByClientAsync(Guid clientId, Guid linkId, CancellationToken ct = default) =>
        EndAsync(l => l.Id == linkId && l.PersonId == clientId, CoachLinkEndedBy.Client, AuditActorKind.Person, ct);

    /// <summary>The coach ends a link with a client; false when it is not theirs or has ended already.</summary>
    public Task<bool> EndByCoachAsync(Guid coachId, Guid clientId, CancellationToken ct = default) =>
        EndAsync(l => l.PersonId == clientId && l.CoachId == coachId, CoachLinkEndedBy.Coach, AuditActorKind.Coach, ct);

    private async Task<bool> EndAsync(
        System.Linq.Expressions.Expression<Func<CoachLink, bool>> which, CoachLinkEndedBy by, AuditActorKind actor, CancellationToken ct)
    {
        var link = await db.CoachLinks.Where(which).Where(l => l.EndedAt == null).FirstOrDefaultAsync(ct);
        if (link is null)
        {
            return false;
        }
        var now = StoredTime.Now(time);
        link.EndedAt = now;
        link.EndedBy = by;
        db.AuditEvents.Add(new AuditEvent
        {
            At = now,
            Action = AuditEvent.CoachLinkEnded,
            ActorKind = actor,
            SubjectRef = Subject(link.Id),
            PersonId = link.PersonId,
        });
        await SaveAsync(ct);
        return true;
    }

    /// <summary>The client changes what one coach may see; null when the link is not theirs or has ended.</summary>
    public async Task<CoachLink?> ChangeSharesAsync(Guid clientId, Guid linkId, CoachShares shares, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var link = await db.CoachLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.PersonId == clientId && l.EndedAt == null, ct);
        if (link is null)
        {
            return null;
        }
        var now = StoredTime.Now(time);
        link.SharesProgress = shares.Progress;
        link.SharesSessions = shares.Sessions;
        link.SharesScreens = shares.Screens;
        link.SharesProgram = shares.Program;
        link.ConsentVersion = ShareConsentVersion;
        link.SharesChangedAt = now;
        db.AuditEvents.Add(AuditEvent.ForPerson(clientId, now, AuditEvent.CoachSharesChanged, Subject(link.Id) + "/" + SharesText(shares)));
        await SaveAsync(ct);
        return link;
    }

    /// <summary>Writes the audit event of a coach's view of a client's data (what: dashboard, progress, sessions, …).</summary>
    public async Task RecordViewAsync(CoachLink link, string what, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        db.AuditEvents.Add(AuditEvent.ForCoach(link.PersonId, StoredTime.Now(time), AuditEvent.CoachViewed, Subject(link.Id) + "/" + what));
        await SaveAsync(ct);
    }

    /// <summary>
    /// Writes the audit events of one look at many clients at once (the dashboard), one per link, all with the same
    /// instant, in one statement on PostgreSQL (<see cref="AuditBatch"/>).
    /// </summary>
    public async Task RecordViewsAsync(IEnumerable<CoachLink> links, string what, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(links);
        var now = StoredTime.Now(time);
        await AuditBatch.AddAllAsync(db,
            [.. links.Select(link => AuditEvent.ForCoach(link.PersonId, now, AuditEvent.CoachViewed, Subject(link.Id) + "/" + what))], ct);
    }

    /// <summary>The client's coaching events (links, shares, every coach view, program changes), newest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ClientEventsAsync(Guid clientId, int take = 200, CancellationToken ct = default) =>
        await db.AuditEvents.AsNoTracking()
            .Where(e => e.PersonId == clientId && e.Action.StartsWith("coach."))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(take)
            .ToListAsync(ct);

    /// <summary>The audit subject of a link: coach-link:{id}.</summary>
    public static string Subject(Guid linkId) => "coach-link:" + linkId.ToString("D");

    private static string SharesText(CoachShares s) =>
        string.Join(',', new[] { s.Progress ? "progress" : null, s.Sessions ? "sessions" : null, s.Screens ? "screens" : null, s.Program ? "program" : null }
            .OfType<string>()) is { Length: > 0 } text ? text : "nothing";

    private static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
