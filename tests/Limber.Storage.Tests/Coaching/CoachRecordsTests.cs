using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests.Coaching;

/// <summary>
/// Coaching links on both databases: an invitation is used once even when two acceptances race; expired, withdrawn
/// and own invitations are refused; a second link with the same coach is refused; removing a coach (or their coach
/// role) ends their links and withdraws their invitations; shares change at once; and each step is in the client's log.
/// </summary>
public sealed class CoachRecordsTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private static readonly CoachShares ProgressOnly = new(true, false, false, false);
    private static readonly CoachShares Everything = new(true, true, true, true);

    /// <summary>Storage with a clock the test moves by hand.</summary>
    private static CoachRecords Records(AsyncServiceScope scope, TimeProvider clock) => new(scope.Db(), clock);

    private sealed record Practice(Guid OrganisationId, Guid Coach);

    /// <summary>A new organisation, named uniquely, with a new person as its administrator and coach.</summary>
    private static async Task<Practice> PracticeAsync(ServiceProvider node, TimeProvider clock)
    {
        var coach = await node.SavedPersonAsync();
        await using var scope = node.CreateAsyncScope();
        var organisation = await Records(scope, clock).CreateOrganisationAsync($"Practice {Guid.NewGuid():N}", coach, "Sam Patel, physiotherapist");
        organisation.ShouldNotBeNull();
        return new Practice(organisation.Id, coach);
    }

    private static async Task<string> InviteAsync(ServiceProvider node, TimeProvider clock, Practice practice, string? label = null)
    {
        await using var scope = node.CreateAsyncScope();
        var (_, secret) = await Records(scope, clock).CreateInviteAsync(practice.Coach, practice.OrganisationId, label);
        return secret;
    }

    private static async Task<(AcceptOutcome Outcome, CoachLink? Link)> AcceptAsync(
        ServiceProvider node, TimeProvider clock, string secret, Guid client, CoachShares? shares = null)
    {
        await using var scope = node.CreateAsyncScope();
        return await Records(scope, clock).AcceptAsync(secret, client, shares ?? ProgressOnly);
    }

    private static async Task<List<CoachLink>> LinksAsync(ServiceProvider node, Func<CoachLink, bool> which)
    {
        await using var scope = node.CreateAsyncScope();
        return [.. (await scope.Db().CoachLinks.AsNoTracking().ToListAsync()).Where(which)];
    }

    private static async Task<List<AuditEvent>> EventsAsync(ServiceProvider node, Guid person)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.Db().AuditEvents.AsNoTracking().Where(e => e.PersonId == person).OrderBy(e => e.At).ThenBy(e => e.Action).ToListAsync();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Two_people_accepting_one_invitation_at_the_same_moment_make_exactly_one_link(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);

        // Several rounds, each a fresh invitation and two new people, so the two acceptances really overlap in some.
        for (var round = 0; round < 6; round++)
        {
            var secret = await InviteAsync(node, clock, practice, $"round {round}");
            var (ana, ben) = (await node.SavedPersonAsync(), await node.SavedPersonAsync());
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var first = Task.Run(async () => { await gate.Task; return await AcceptAsync(node, clock, secret, ana); });
            var second = Task.Run(async () => { await gate.Task; return await AcceptAsync(node, clock, secret, ben); });
            gate.SetResult();
            var both = await Task.WhenAll(first, second);
            var outcomes = both.Select(b => b.Outcome).ToList();
            outcomes.Count(o => o == AcceptOutcome.Linked).ShouldBe(1, $"round {round}: {string.Join(", ", outcomes)}");
            outcomes.Count(o => o == AcceptOutcome.AlreadyUsed).ShouldBe(1, $"round {round}: {string.Join(", ", outcomes)}");

            var links = await LinksAsync(node, l => l.PersonId == ana || l.PersonId == ben);
            links.Count.ShouldBe(1, "exactly one link for one invitation");
            var winner = links[0].PersonId;
            (await EventsAsync(node, winner)).Select(e => e.Action).ShouldBe([AuditEvent.CoachLinked]);
            (await EventsAsync(node, winner == ana ? ben : ana)).ShouldBeEmpty("the loser's log has nothing: nothing happened to them");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task One_person_accepting_twice_at_once_gets_one_link(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var secret = await InviteAsync(node, clock, practice);
        var client = await node.SavedPersonAsync();

        var both = await Task.WhenAll(AcceptAsync(node, clock, secret, client), AcceptAsync(node, clock, secret, client));

        both.Count(b => b.Outcome == AcceptOutcome.Linked).ShouldBe(1);
        both.Single(b => b.Outcome != AcceptOutcome.Linked).Outcome.ShouldBeOneOf(AcceptOutcome.AlreadyUsed, AcceptOutcome.AlreadyLinked);
        (await LinksAsync(node, l => l.PersonId == client)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Accepting_links_the_client_with_what_they_chose_and_logs_it(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var secret = await InviteAsync(node, clock, practice, "Ana, Tuesday class");
        var client = await node.SavedPersonAsync();

        await using (var scope = node.CreateAsyncScope())
        {
            var view = await Records(scope, clock).FindInviteAsync(secret);
            view.ShouldNotBeNull();
            (view.State, view.CoachName).ShouldBe((InviteState.Open, "Sam Patel, physiotherapist"));
        }
        var (outcome, link) = await AcceptAsync(node, clock, secret, client, new CoachShares(true, false, true, false));

        outcome.ShouldBe(AcceptOutcome.Linked);
        link.ShouldNotBeNull();
        var stored = (await LinksAsync(node, l => l.PersonId == client)).Single();
        (stored.CoachId, stored.OrganisationId, stored.Label, stored.EndedAt).ShouldBe((practice.Coach, practice.OrganisationId, "Ana, Tuesday class", null));
        CoachShares.Of(stored).ShouldBe(new CoachShares(true, false, true, false));
        stored.ConsentVersion.ShouldBe(CoachRecords.ShareConsentVersion);
        var linked = (await EventsAsync(node, client)).Single();
        (linked.Action, linked.ActorKind, linked.SubjectRef).ShouldBe(
            (AuditEvent.CoachLinked, AuditActorKind.Person, CoachRecords.Subject(stored.Id) + "/progress,screens"));

        await using (var scope = node.CreateAsyncScope())
        {
            var records = Records(scope, clock);
            (await records.FindInviteAsync(secret))!.State.ShouldBe(InviteState.Accepted);
            (await records.PendingInvitesAsync(practice.Coach)).ShouldBeEmpty("an accepted invitation is no longer pending");
            (await records.ActiveLinkAsync(practice.Coach, client)).ShouldNotBeNull();
        }
        // The same link again, by anyone: used.
        (await AcceptAsync(node, clock, secret, await node.SavedPersonAsync())).Outcome.ShouldBe(AcceptOutcome.AlreadyUsed);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task An_invitation_expires_after_fourteen_days(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var early = await InviteAsync(node, clock, practice);
        var late = await InviteAsync(node, clock, practice);
        var client = await node.SavedPersonAsync();

        clock.Advance(CoachRecords.InviteLifetime - TimeSpan.FromMinutes(1));
        (await AcceptAsync(node, clock, early, client)).Outcome.ShouldBe(AcceptOutcome.Linked, "a minute before it expires, it works");

        clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = node.CreateAsyncScope())
        {
            (await Records(scope, clock).FindInviteAsync(late))!.State.ShouldBe(InviteState.Expired);
            // Still listed for the coach, who sees it marked by its date.
            (await Records(scope, clock).PendingInvitesAsync(practice.Coach)).Single().ExpiresAt.ShouldBe(Samples.Now + CoachRecords.InviteLifetime);
        }
        var other = await node.SavedPersonAsync();
        (await AcceptAsync(node, clock, late, other)).Outcome.ShouldBe(AcceptOutcome.Expired);
        (await LinksAsync(node, l => l.PersonId == other)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_withdrawn_invitation_cannot_be_accepted_and_only_its_coach_can_withdraw_it(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var otherPractice = await PracticeAsync(node, clock);
        var secret = await InviteAsync(node, clock, practice);
        Guid inviteId;
        await using (var scope = node.CreateAsyncScope())
        {
            inviteId = (await Records(scope, clock).FindInviteAsync(secret))!.Invite.Id;
            (await Records(scope, clock).WithdrawInviteAsync(otherPractice.Coach, inviteId)).ShouldBeFalse("another coach's invitation");
            (await Records(scope, clock).FindInviteAsync(secret))!.State.ShouldBe(InviteState.Open);
            (await Records(scope, clock).WithdrawInviteAsync(practice.Coach, inviteId)).ShouldBeTrue();
            (await Records(scope, clock).WithdrawInviteAsync(practice.Coach, inviteId)).ShouldBeFalse("withdrawn already");
            (await Records(scope, clock).FindInviteAsync(secret))!.State.ShouldBe(InviteState.Withdrawn);
        }
        var client = await node.SavedPersonAsync();
        (await AcceptAsync(node, clock, secret, client)).Outcome.ShouldBe(AcceptOutcome.Withdrawn);
        (await LinksAsync(node, l => l.PersonId == client)).ShouldBeEmpty();
        (await EventsAsync(node, client)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_coach_cannot_accept_their_own_invitation_and_it_stays_open(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var secret = await InviteAsync(node, clock, practice);

        (await AcceptAsync(node, clock, secret, practice.Coach)).Outcome.ShouldBe(AcceptOutcome.OwnInvite);

        (await LinksAsync(node, l => l.CoachId == practice.Coach)).ShouldBeEmpty();
        await using var scope = node.CreateAsyncScope();
        (await Records(scope, clock).FindInviteAsync(secret))!.State.ShouldBe(InviteState.Open);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Someone_already_linked_with_the_coach_is_refused_and_the_second_invitation_stays_unused(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var client = await node.SavedPersonAsync();
        var (_, first) = await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), client);
        var second = await InviteAsync(node, clock, practice);

        var (outcome, existing) = await AcceptAsync(node, clock, second, client, Everything);

        outcome.ShouldBe(AcceptOutcome.AlreadyLinked);
        existing!.Id.ShouldBe(first!.Id);
        CoachShares.Of((await LinksAsync(node, l => l.PersonId == client)).Single()).ShouldBe(ProgressOnly, "the first link is unchanged");
        await using (var scope = node.CreateAsyncScope())
        {
            (await Records(scope, clock).FindInviteAsync(second))!.State.ShouldBe(InviteState.Open, "still usable by someone else");
        }

        // Once that link has ended, the same person may link with the coach again.
        await using (var scope = node.CreateAsyncScope())
        {
            (await Records(scope, clock).EndByClientAsync(client, first.Id)).ShouldBeTrue();
        }
        (await AcceptAsync(node, clock, second, client, Everything)).Outcome.ShouldBe(AcceptOutcome.Linked);
        (await LinksAsync(node, l => l.PersonId == client)).Count(l => l.EndedAt is null).ShouldBe(1);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Removing_a_coach_ends_their_links_in_that_organisation_and_withdraws_their_invitations(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        // The same coach also coaches at a second practice, whose link must be untouched.
        var admin = await node.SavedPersonAsync();
        Guid second;
        await using (var scope = node.CreateAsyncScope())
        {
            var records = Records(scope, clock);
            second = (await records.CreateOrganisationAsync($"Gym {Guid.NewGuid():N}", admin, "Alex"))!.Id;
            await records.SetMemberAsync(second, practice.Coach, "Sam at the gym", isCoach: true, isAdmin: false);
        }
        var (ana, ben, cy) = (await node.SavedPersonAsync(), await node.SavedPersonAsync(), await node.SavedPersonAsync());
        (await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), ana)).Outcome.ShouldBe(AcceptOutcome.Linked);
        (await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), ben)).Outcome.ShouldBe(AcceptOutcome.Linked);
        var unused = await InviteAsync(node, clock, practice);
        string gymSecret;
        await using (var scope = node.CreateAsyncScope())
        {
            (_, gymSecret) = await Records(scope, clock).CreateInviteAsync(practice.Coach, second, null);
        }
        (await AcceptAsync(node, clock, gymSecret, cy)).Outcome.ShouldBe(AcceptOutcome.Linked);
        clock.Advance(TimeSpan.FromHours(1));

        await using (var scope = node.CreateAsyncScope())
        {
            (await Records(scope, clock).RemoveMemberAsync(practice.OrganisationId, practice.Coach)).ShouldBeTrue();
            (await Records(scope, clock).RemoveMemberAsync(practice.OrganisationId, practice.Coach)).ShouldBeFalse("not a member any more");
        }

        foreach (var client in new[] { ana, ben })
        {
            var link = (await LinksAsync(node, l => l.PersonId == client)).Single();
            (link.EndedAt, link.EndedBy).ShouldBe((Samples.Now + TimeSpan.FromHours(1), CoachLinkEndedBy.Organisation));
            var ended = (await EventsAsync(node, client)).Last();
            (ended.Action, ended.SubjectRef).ShouldBe((AuditEvent.CoachLinkEnded, CoachRecords.Subject(link.Id)));
            await using var scope = node.CreateAsyncScope();
            (await Records(scope, clock).ActiveLinkAsync(practice.Coach, client)).ShouldBeNull("access stops at once");
        }
        (await LinksAsync(node, l => l.PersonId == cy)).Single().EndedAt.ShouldBeNull("the other practice's link stays");
        await using (var scope = node.CreateAsyncScope())
        {
            var records = Records(scope, clock);
            (await records.ActiveLinkAsync(practice.Coach, cy)).ShouldNotBeNull();
            (await records.FindInviteAsync(unused))!.State.ShouldBe(InviteState.Withdrawn);
            (await records.PendingInvitesAsync(practice.Coach)).ShouldBeEmpty();
            (await records.MembersAsync(practice.OrganisationId)).Select(m => m.Member.PersonId).ShouldNotContain(practice.Coach);
        }
        (await AcceptAsync(node, clock, unused, await node.SavedPersonAsync())).Outcome.ShouldBe(AcceptOutcome.CoachGone);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Taking_away_the_coach_role_ends_the_links_but_keeps_the_member(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var client = await node.SavedPersonAsync();
        (await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), client)).Outcome.ShouldBe(AcceptOutcome.Linked);

        await using (var scope = node.CreateAsyncScope())
        {
            var member = await Records(scope, clock).SetMemberAsync(practice.OrganisationId, practice.Coach, "Sam Patel", isCoach: false, isAdmin: true);
            (member.IsCoach, member.IsAdmin).ShouldBe((false, true));
        }
        (await LinksAsync(node, l => l.PersonId == client)).Single().EndedBy.ShouldBe(CoachLinkEndedBy.Organisation);
        await using (var scope = node.CreateAsyncScope())
        {
            (await Records(scope, clock).CoachMembershipAsync(practice.Coach)).ShouldBeNull("no longer a coach anywhere");
            var members = await Records(scope, clock).MembersAsync(practice.OrganisationId);
            members.Single().ActiveClients.ShouldBe(0);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Changing_shares_takes_effect_at_once_is_logged_and_touches_only_the_clients_own_current_link(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var (ana, ben) = (await node.SavedPersonAsync(), await node.SavedPersonAsync());
        var (_, anas) = await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), ana, Everything);
        clock.Advance(TimeSpan.FromDays(3));

        await using (var scope = node.CreateAsyncScope())
        {
            var records = Records(scope, clock);
            (await records.ChangeSharesAsync(ben, anas!.Id, CoachShares.None)).ShouldBeNull("Ben cannot change Ana's link");
            var changed = await records.ChangeSharesAsync(ana, anas.Id, new CoachShares(false, true, false, true));
            changed.ShouldNotBeNull();
            changed.SharesChangedAt.ShouldBe(Samples.Now + TimeSpan.FromDays(3));
        }
        var stored = (await LinksAsync(node, l => l.PersonId == ana)).Single();
        CoachShares.Of(stored).ShouldBe(new CoachShares(false, true, false, true));
        var events = await EventsAsync(node, ana);
        events.Select(e => e.Action).ShouldBe([AuditEvent.CoachLinked, AuditEvent.CoachSharesChanged]);
        events[1].SubjectRef.ShouldBe(CoachRecords.Subject(stored.Id) + "/sessions,program");
        (await EventsAsync(node, ben)).ShouldBeEmpty();

        await using (var scope = node.CreateAsyncScope())
        {
            var records = Records(scope, clock);
            clock.Advance(TimeSpan.FromMinutes(1));
            await records.ChangeSharesAsync(ana, anas.Id, CoachShares.None);
            (await ClientEventsAsync(records, ana))[0].SubjectRef.ShouldEndWith("/nothing");
            (await records.EndByClientAsync(ana, anas.Id)).ShouldBeTrue();
            (await records.ChangeSharesAsync(ana, anas.Id, Everything)).ShouldBeNull("an ended link cannot be changed");
        }
        CoachShares.Of((await LinksAsync(node, l => l.PersonId == ana)).Single()).ShouldBe(CoachShares.None);
    }

    private static Task<IReadOnlyList<AuditEvent>> ClientEventsAsync(CoachRecords records, Guid client) => records.ClientEventsAsync(client);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Either_side_ends_a_link_access_stops_at_once_and_the_clients_log_says_who(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var (ana, ben) = (await node.SavedPersonAsync(), await node.SavedPersonAsync());
        var (_, anas) = await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), ana);
        var (_, bens) = await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), ben);
        clock.Advance(TimeSpan.FromDays(1));

        await using (var scope = node.CreateAsyncScope())
        {
            var records = Records(scope, clock);
            (await records.EndByClientAsync(ben, anas!.Id)).ShouldBeFalse("Ben cannot end Ana's link");
            (await records.ActiveLinkAsync(practice.Coach, ana)).ShouldNotBeNull();
            (await records.EndByClientAsync(ana, anas.Id)).ShouldBeTrue();
            (await records.ActiveLinkAsync(practice.Coach, ana)).ShouldBeNull();
            (await records.EndByClientAsync(ana, anas.Id)).ShouldBeFalse("ended already");

            (await records.EndByCoachAsync(await node.SavedPersonAsync(), ben)).ShouldBeFalse("not that person's coach");
            (await records.EndByCoachAsync(practice.Coach, ben)).ShouldBeTrue();
            (await records.ActiveLinkAsync(practice.Coach, ben)).ShouldBeNull();
            (await records.ActiveClientsAsync(practice.Coach)).ShouldBeEmpty();
        }
        var anasEnd = (await EventsAsync(node, ana)).Last();
        (anasEnd.Action, anasEnd.ActorKind).ShouldBe((AuditEvent.CoachLinkEnded, AuditActorKind.Person));
        var bensEnd = (await EventsAsync(node, ben)).Last();
        (bensEnd.Action, bensEnd.ActorKind, bensEnd.SubjectRef).ShouldBe((AuditEvent.CoachLinkEnded, AuditActorKind.Coach, CoachRecords.Subject(bens!.Id)));
        (await LinksAsync(node, l => l.PersonId == ana)).Single().EndedBy.ShouldBe(CoachLinkEndedBy.Client);
        (await LinksAsync(node, l => l.PersonId == ben)).Single().EndedBy.ShouldBe(CoachLinkEndedBy.Coach);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Every_view_is_in_the_clients_log_newest_first_and_only_in_theirs(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var (ana, ben) = (await node.SavedPersonAsync(), await node.SavedPersonAsync());
        var (_, anas) = await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), ana);
        var (_, bens) = await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), ben);

        await using (var scope = node.CreateAsyncScope())
        {
            var records = Records(scope, clock);
            clock.Advance(TimeSpan.FromMinutes(5));
            await records.RecordViewAsync(anas!, "progress");
            clock.Advance(TimeSpan.FromMinutes(5));
            await records.RecordViewsAsync([anas!, bens!], "dashboard");

            var log = await records.ClientEventsAsync(ana);
            log.Select(e => (e.Action, e.ActorKind, e.SubjectRef)).ShouldBe(
            [
                (AuditEvent.CoachViewed, AuditActorKind.Coach, CoachRecords.Subject(anas!.Id) + "/dashboard"),
                (AuditEvent.CoachViewed, AuditActorKind.Coach, CoachRecords.Subject(anas.Id) + "/progress"),
                (AuditEvent.CoachLinked, AuditActorKind.Person, CoachRecords.Subject(anas.Id) + "/progress"),
            ]);
            (await records.ClientEventsAsync(ben)).Select(e => e.SubjectRef).ShouldAllBe(s => s.StartsWith(CoachRecords.Subject(bens!.Id), StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_dashboard_view_writes_for_each_client_the_row_a_single_view_writes(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        // Ticks below the microsecond: the instant is stored as a save stores it, on both databases.
        var clock = new MovingClock(Samples.Now.AddTicks(7));
        var practice = await PracticeAsync(node, clock);
        var clients = new List<Guid>();
        var links = new List<CoachLink>();
        for (var i = 0; i < 5; i++)
        {
            var client = await node.SavedPersonAsync();
            clients.Add(client);
            links.Add((await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), client)).Link!);
        }
        var stamps = await StampsAsync(node, clients);

        clock.Advance(TimeSpan.FromMinutes(5));
        await using (var scope = node.CreateAsyncScope())
        {
            await Records(scope, clock).RecordViewAsync(links[0], "dashboard");
        }
        clock.Advance(TimeSpan.FromMinutes(5));
        await using (var scope = node.CreateAsyncScope())
        {
            await Records(scope, clock).RecordViewsAsync(links, "dashboard");
            scope.Db().ChangeTracker.Entries().ShouldBeEmpty("the context is left as a save leaves it");
        }

        var single = (await EventsAsync(node, clients[0])).Where(e => e.Action == AuditEvent.CoachViewed).OrderBy(e => e.At).First();
        var batch = new List<AuditEvent>();
        foreach (var (client, link) in clients.Zip(links))
        {
            var views = (await EventsAsync(node, client)).Where(e => e.Action == AuditEvent.CoachViewed && e.At > single.At).ToList();
            var view = views.ShouldHaveSingleItem();
            view.At.ShouldBe(single.At.AddMinutes(5));
            view.ActorKind.ShouldBe(AuditActorKind.Coach);
            view.SubjectRef.ShouldBe(CoachRecords.Subject(link.Id) + "/dashboard");
            view.PersonId.ShouldBe(client);
            batch.Add(view);
        }
        // The same fields as the row a save writes, each with an id of its own.
        (batch[0].Action, batch[0].ActorKind, batch[0].SubjectRef, batch[0].PersonId).ShouldBe((single.Action, single.ActorKind, single.SubjectRef, single.PersonId));
        single.At.ShouldBe(StoredTime.Normalize(Samples.Now.AddTicks(7).AddMinutes(5)));
        batch.Select(e => e.Id).ShouldAllBe(id => id != Guid.Empty);
        batch.Select(e => e.Id).Distinct().Count().ShouldBe(batch.Count);
        // Audit events are no one's data for plans: writing them changes no one's data stamp.
        (await StampsAsync(node, clients)).ShouldBe(stamps);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_dashboard_view_saves_what_else_is_pending_with_its_events_and_writes_nothing_for_no_client(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var practice = await PracticeAsync(node, clock);
        var client = await node.SavedPersonAsync();
        var (_, link) = await AcceptAsync(node, clock, await InviteAsync(node, clock, practice), client);
        var before = (await EventsAsync(node, client)).Count;

        await using (var scope = node.CreateAsyncScope())
        {
            var records = Records(scope, clock);
            await records.RecordViewsAsync([], "dashboard");
            scope.Db().AuditEvents.Add(AuditEvent.ForPerson(client, Samples.Now, AuditEvent.DataExported, "pending"));
            await records.RecordViewsAsync([link!], "dashboard");
        }

        var events = await EventsAsync(node, client);
        events.Count.ShouldBe(before + 2);
        events.ShouldContain(e => e.SubjectRef == "pending");
        events.ShouldContain(e => e.SubjectRef == CoachRecords.Subject(link!.Id) + "/dashboard");
    }

    /// <summary>The people's data stamps, in the order of <paramref name="people"/>.</summary>
    private static async Task<List<long>> StampsAsync(ServiceProvider node, List<Guid> people)
    {
        await using var scope = node.CreateAsyncScope();
        var stamps = await scope.Db().Users.AsNoTracking().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DataStamp);
        return [.. people.Select(p => stamps[p])];
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task An_organisation_name_is_taken_once(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var clock = new MovingClock(Samples.Now);
        var name = $"Back Clinic {Guid.NewGuid():N}";
        await using var scope = node.CreateAsyncScope();
        var records = Records(scope, clock);
        (await records.CreateOrganisationAsync(name, await node.SavedPersonAsync(), "Sam")).ShouldNotBeNull();
        (await records.CreateOrganisationAsync("  " + name + " ", await node.SavedPersonAsync(), "Jo")).ShouldBeNull("the name is trimmed and taken");
        (await records.FindOrganisationAsync(name))!.Name.ShouldBe(name);
    }
}
