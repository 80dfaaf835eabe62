using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Storage;
using Limber.Web.Tests.Accounts;
using static Limber.Web.Tests.Coaching.CoachLinkSteps;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// Links between coaches and clients over HTTP: the coach's invitations (link, QR code, list, withdraw), what an
/// invitation link shows, accepting with explicit shares, changing them, ending from either side (access stops at
/// once), the client's log in words; every bad input named by its field; and every coach endpoint called by someone
/// who is not a coach, or by another coach, refused with nothing changed.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class CoachLinkApiTests(AccountServer server)
{
    private const string Invites = "/api/v1/coach/invites";
    private const string Coaches = "/api/v1/me/coaches";

    [Fact]
    public async Task A_coach_makes_an_invitation_with_its_link_and_qr_code_and_sees_it_listed()
    {
        using var coach = await CoachAsync(server);
        var made = await coach.Person.PostAsync(Invites, new JsonObject { ["label"] = "  Ana, Tuesday class " });

        made.Status.ShouldBe(HttpStatusCode.Created, made.ToString());
        made.Headers.CacheControl!.NoStore.ShouldBeTrue("the answer holds the secret");
        var json = made.Json;
        var url = json.GetProperty("url").GetString()!;
        url.ShouldStartWith(server.Url("/join/"));
        var secret = url[(url.LastIndexOf('/') + 1)..];
        secret.Length.ShouldBeGreaterThanOrEqualTo(40, "256 random bits");
        json.GetProperty("label").GetString().ShouldBe("Ana, Tuesday class");
        json.GetProperty("qrCodeUrl").GetString().ShouldBe(server.Url($"/api/v1/invites/{secret}/qr.svg"));
        (json.GetProperty("expiresAt").GetDateTimeOffset() - json.GetProperty("createdAt").GetDateTimeOffset()).ShouldBe(TimeSpan.FromDays(14));
        made.Headers.Location!.ToString().ShouldBe($"/api/v1/invites/{secret}");

        // The link shows who invites and from where, to anyone, and nothing else.
        var shown = await AccountApi.GetAsync(coach.Person.Anonymous, $"/api/v1/invites/{secret}");
        shown.Status.ShouldBe(HttpStatusCode.OK, shown.ToString());
        shown.Json.GetProperty("coach").GetString().ShouldBe(coach.DisplayName);
        shown.Json.GetProperty("organisation").GetString().ShouldBe(coach.OrganisationName);
        shown.Json.GetProperty("state").GetString().ShouldBe("open");
        shown.Json.EnumerateObject().Select(p => p.Name).ShouldBe(["coach", "organisation", "state", "expiresAt"], ignoreOrder: true);
        shown.Text.ShouldNotContain("Ana");
        shown.Text.ShouldNotContain(coach.Person.Email);

        var qr = await AccountApi.GetAsync(coach.Person.Anonymous, $"/api/v1/invites/{secret}/qr.svg");
        qr.Status.ShouldBe(HttpStatusCode.OK);
        qr.MediaType.ShouldBe("image/svg+xml");
        qr.Text.ShouldStartWith("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        qr.Text.ShouldContain("<path fill=\"#000000\" d=\"M4 4h7v1h-7z");
        (await AccountApi.GetAsync(coach.Person.Anonymous, "/api/v1/invites/not-a-real-secret/qr.svg")).ShouldBeProblem(HttpStatusCode.NotFound);

        var list = await coach.Person.GetAsync(Invites);
        list.Status.ShouldBe(HttpStatusCode.OK, list.ToString());
        var listed = list.Json.GetProperty("invites").EnumerateArray().Single();
        listed.GetProperty("id").GetGuid().ShouldBe(json.GetProperty("id").GetGuid());
        listed.GetProperty("label").GetString().ShouldBe("Ana, Tuesday class");
        listed.GetProperty("expired").GetBoolean().ShouldBeFalse();
        list.Text.ShouldNotContain(secret, Case.Sensitive, "the link cannot be shown again");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"label\":null}")]
    [InlineData("{\"label\":\"   \"}")]
    public async Task An_invitation_needs_no_label(string body)
    {
        using var coach = await CoachAsync(server);
        var made = await coach.Person.PostAsync(Invites, body);
        made.Status.ShouldBe(HttpStatusCode.Created, made.ToString());
        made.Json.TryGetProperty("label", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("{\"label\":12}", "label")]
    [InlineData("{\"label\":\"a\\u0007b\"}", "label")]
    [InlineData("{\"colour\":\"red\"}", "colour")]
    [InlineData("{\"label\":\"a\",\"label\":\"b\"}", "label")]
    [InlineData("[\"label\"]", "body")]
    [InlineData("{\"label\":", "body")]
    public async Task A_bad_invitation_body_is_refused_naming_the_field_and_nothing_is_made(string body, string field)
    {
        using var coach = await CoachAsync(server);
        (await coach.Person.PostAsync(Invites, body)).ShouldNameField(field);
        (await coach.Person.PostAsync(Invites, new JsonObject { ["label"] = new string('x', 81) })).ShouldNameField("label");
        (await coach.Person.PostAsync(Invites, "label=Ana", "application/x-www-form-urlencoded")).ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        (await coach.Person.GetAsync(Invites)).Json.GetProperty("invites").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_withdrawn_invitation_stops_working_at_once()
    {
        using var coach = await CoachAsync(server);
        var (secret, invite) = await InviteAsync(coach, "Ben");
        var id = invite.GetProperty("id").GetGuid();

        (await coach.Person.DeleteAsync($"{Invites}/{id}")).Status.ShouldBe(HttpStatusCode.NoContent);

        (await StateAsync(coach.Person, secret)).ShouldBe("withdrawn");
        (await coach.Person.GetAsync(Invites)).Json.GetProperty("invites").GetArrayLength().ShouldBe(0);
        (await coach.Person.DeleteAsync($"{Invites}/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await coach.Person.DeleteAsync($"{Invites}/not-an-id")).ShouldBeProblem(HttpStatusCode.NotFound);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var refused = (await AcceptAsync(client, secret)).ShouldBeProblem(HttpStatusCode.Conflict);
        refused.GetProperty("reason").GetString().ShouldBe("withdrawn");
        refused.GetProperty("detail").GetString()!.ShouldContain("has withdrawn this invitation");
        (await LinksAsync(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_expired_invitation_is_marked_for_the_coach_and_refused_to_the_client()
    {
        using var coach = await CoachAsync(server);
        var (secret, invite) = await InviteAsync(coach);
        await ExpireAsync(server, invite.GetProperty("id").GetGuid());

        (await coach.Person.GetAsync(Invites)).Json.GetProperty("invites")[0].GetProperty("expired").GetBoolean().ShouldBeTrue();
        (await StateAsync(coach.Person, secret)).ShouldBe("expired");
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var refused = (await AcceptAsync(client, secret)).ShouldBeProblem(HttpStatusCode.Conflict);
        refused.GetProperty("reason").GetString().ShouldBe("expired");
        refused.GetProperty("detail").GetString()!.ShouldContain("expired");
        (await LinksAsync(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_client_accepts_with_the_kinds_they_chose_and_sees_the_coach_listed()
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var (secret, _) = await InviteAsync(coach, "Ana");

        var accepted = await AcceptAsync(client, secret, Shares(progress: true, program: true));

        accepted.Status.ShouldBe(HttpStatusCode.Created, accepted.ToString());
        var link = accepted.Json;
        link.GetProperty("coach").GetString().ShouldBe(coach.DisplayName);
        link.GetProperty("organisation").GetString().ShouldBe(coach.OrganisationName);
        link.GetProperty("shares").GetRawText().ShouldBe("""{"progress":true,"sessions":false,"screens":false,"program":true}""");
        link.TryGetProperty("endedAt", out _).ShouldBeFalse();
        accepted.Text.ShouldNotContain("Ana", Case.Sensitive, "the coach's label is the coach's own");
        (await LinksAsync(client)).Select(l => l.GetProperty("id").GetGuid()).ShouldBe([link.GetProperty("id").GetGuid()]);
        (await StateAsync(client, secret)).ShouldBe("accepted");
        (await coach.Person.GetAsync(Invites)).Json.GetProperty("invites").GetArrayLength().ShouldBe(0);

        (await CoachCanSeeAsync(server, coach, client.Id, ShareKind.Progress)).ShouldNotBeNull();
        (await CoachCanSeeAsync(server, coach, client.Id, ShareKind.Program)).ShouldNotBeNull();
        (await CoachCanSeeAsync(server, coach, client.Id, ShareKind.Sessions)).ShouldBeNull("not shared");
        (await CoachCanSeeAsync(server, coach, client.Id, ShareKind.Screens)).ShouldBeNull("not shared");
    }

    [Fact]
    public async Task The_whole_invitation_link_is_accepted_as_well_as_its_secret()
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var (_, invite) = await InviteAsync(coach);
        var answer = await client.PostAsync(Coaches, new JsonObject { ["invite"] = " " + invite.GetProperty("url").GetString() + " ", ["shares"] = Shares() });
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        answer.Json.GetProperty("shares").GetRawText().ShouldBe("""{"progress":false,"sessions":false,"screens":false,"program":false}""");
    }

    [Fact]
    public async Task A_used_invitation_an_own_invitation_an_unknown_one_and_a_second_link_are_refused_plainly()
    {
        using var coach = await CoachAsync(server);
        using var ana = await TestPerson.CreateAsync(server, consent: true, who: "ana");
        using var ben = await TestPerson.CreateAsync(server, consent: true, who: "ben");
        var (secret, _) = await InviteAsync(coach);
        (await AcceptAsync(ana, secret)).Status.ShouldBe(HttpStatusCode.Created);

        var used = (await AcceptAsync(ben, secret)).ShouldBeProblem(HttpStatusCode.Conflict);
        used.GetProperty("reason").GetString().ShouldBe("alreadyUsed");
        used.GetProperty("detail").GetString()!.ShouldContain("already been used");

        var (second, _) = await InviteAsync(coach);
        var again = (await AcceptAsync(ana, second, Shares(progress: true, sessions: true, screens: true, program: true))).ShouldBeProblem(HttpStatusCode.Conflict);
        again.GetProperty("reason").GetString().ShouldBe("alreadyLinked");
        again.GetProperty("detail").GetString()!.ShouldContain($"You are already linked with {coach.DisplayName}");
        (await StateAsync(ana, second)).ShouldBe("open", "the second invitation stays unused");
        (await LinksAsync(ana)).Single().GetProperty("shares").GetProperty("sessions").GetBoolean().ShouldBeFalse();

        var own = await AcceptAsync(coach.Person, second);
        own.ShouldNameField("invite")
            .GetProperty("errors").GetProperty("invite")[0].GetString()!.ShouldContain("your own invitation");
        (await LinksAsync(coach.Person)).ShouldBeEmpty();

        var unknown = await AcceptAsync(ben, "no-such-invitation-secret");
        unknown.ShouldBeProblem(HttpStatusCode.NotFound).GetProperty("detail").GetString()!.ShouldContain("invite");
        (await LinksAsync(ben)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_invitation_from_a_coach_who_has_been_removed_cannot_be_used()
    {
        using var coach = await CoachAsync(server);
        using var colleague = await TestPerson.CreateAsync(server, consent: true, who: "colleague");
        var added = await PutAsync(coach.Person, $"/api/v1/organisations/{coach.OrganisationId}/members",
            new JsonObject { ["email"] = colleague.Email, ["displayName"] = "Jo Lee", ["isCoach"] = true, ["isAdmin"] = false });
        added.Status.ShouldBe(HttpStatusCode.Created, added.ToString());
        var colleagueCoach = new TestCoach(colleague, coach.OrganisationId, coach.OrganisationName, "Jo Lee");
        var (secret, _) = await InviteAsync(colleagueCoach);

        (await coach.Person.DeleteAsync($"/api/v1/organisations/{coach.OrganisationId}/members/{colleague.Id}")).Status.ShouldBe(HttpStatusCode.NoContent);

        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var refused = (await AcceptAsync(client, secret)).ShouldBeProblem(HttpStatusCode.Conflict);
        refused.GetProperty("reason").GetString().ShouldBeOneOf("coachGone", "withdrawn");
        (await LinksAsync(client)).ShouldBeEmpty();
    }

    public static TheoryData<string, string> BadAcceptances() => new()
    {
        { """{"shares":{"progress":true,"sessions":true,"screens":true,"program":true}}""", "invite" },
        { """{"invite":null,"shares":{"progress":true,"sessions":true,"screens":true,"program":true}}""", "invite" },
        { """{"invite":"","shares":{"progress":true,"sessions":true,"screens":true,"program":true}}""", "invite" },
        { """{"invite":42,"shares":{"progress":true,"sessions":true,"screens":true,"program":true}}""", "invite" },
        { """{"invite":"SECRET"}""", "shares" },
        { """{"invite":"SECRET","shares":true}""", "shares" },
        { """{"invite":"SECRET","shares":{"sessions":true,"screens":true,"program":true}}""", "shares.progress" },
        { """{"invite":"SECRET","shares":{"progress":"yes","sessions":true,"screens":true,"program":true}}""", "shares.progress" },
        { """{"invite":"SECRET","shares":{"progress":true,"sessions":null,"screens":true,"program":true}}""", "shares.sessions" },
        { """{"invite":"SECRET","shares":{"progress":true,"sessions":true,"screens":true,"program":true,"secrets":true}}""", "shares.secrets" },
        { """{"invite":"SECRET","shares":{"progress":true,"progress":false,"sessions":true,"screens":true,"program":true}}""", "shares.progress" },
        { """{"invite":"SECRET","coach":"me","shares":{"progress":true,"sessions":true,"screens":true,"program":true}}""", "coach" },
        { """["SECRET"]""", "body" },
        { """{"invite":"SECRET",""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadAcceptances))]
    public async Task A_bad_acceptance_is_refused_naming_the_field_and_the_invitation_stays_open(string body, string field)
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var (secret, _) = await InviteAsync(coach);

        (await client.PostAsync(Coaches, body.Replace("SECRET", secret, StringComparison.Ordinal))).ShouldNameField(field);

        (await StateAsync(client, secret)).ShouldBe("open");
        (await LinksAsync(client)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Accepting_needs_the_health_data_consent_and_nothing_is_linked_without_it()
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: false, who: "client");
        var (secret, _) = await InviteAsync(coach);

        var refused = (await AcceptAsync(client, secret)).ShouldBeProblem(HttpStatusCode.Forbidden);
        refused.GetProperty("title").GetString().ShouldBe("Consent needed");
        (await StateAsync(client, secret)).ShouldBe("open");
        (await LinksAsync(client)).ShouldBeEmpty("listing works without the consent");
        (await AccountApi.PostAsync(client.Anonymous, Coaches, new JsonObject { ["invite"] = secret, ["shares"] = Shares() }))
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_client_changes_what_a_coach_sees_and_it_applies_at_once()
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var linkId = await LinkAsync(coach, client, Shares(progress: true, sessions: true));

        var changed = await PutAsync(client, $"{Coaches}/{linkId}/shares", Shares(screens: true));

        changed.Status.ShouldBe(HttpStatusCode.OK, changed.ToString());
        changed.Json.GetProperty("shares").GetRawText().ShouldBe("""{"progress":false,"sessions":false,"screens":true,"program":false}""");
        changed.Json.GetProperty("sharesChangedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await CoachCanSeeAsync(server, coach, client.Id, ShareKind.Progress)).ShouldBeNull("progress is no longer shared");
        (await CoachCanSeeAsync(server, coach, client.Id, ShareKind.Screens)).ShouldNotBeNull();
        (await CoachCanSeeAsync(server, coach, client.Id, null)).ShouldNotBeNull("the link itself stays");
    }

    public static TheoryData<string, string> BadShares() => new()
    {
        { """{"sessions":true,"screens":true,"program":true}""", "progress" },
        { """{"progress":1,"sessions":true,"screens":true,"program":true}""", "progress" },
        { """{"progress":true,"sessions":true,"screens":true,"program":true,"notes":true}""", "notes" },
        { """{"progress":true,"sessions":true,"screens":true,"program":true,"program":false}""", "program" },
        { "[true]", "body" },
        { "{", "body" },
    };

    [Theory]
    [MemberData(nameof(BadShares))]
    public async Task A_bad_change_of_shares_is_refused_naming_the_field_and_nothing_changes(string body, string field)
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var linkId = await LinkAsync(coach, client, Shares(progress: true));
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        (await AccountApi.SendAsync(client.Http, HttpMethod.Put, $"{Coaches}/{linkId}/shares", content)).ShouldNameField(field);

        (await LinksAsync(client)).Single().GetProperty("shares").GetProperty("progress").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Shares_of_an_unknown_an_ended_or_another_persons_link_are_not_found()
    {
        using var coach = await CoachAsync(server);
        using var ana = await TestPerson.CreateAsync(server, consent: true, who: "ana");
        using var ben = await TestPerson.CreateAsync(server, consent: true, who: "ben");
        var anas = await LinkAsync(coach, ana, Shares(progress: true));

        (await PutAsync(ben, $"{Coaches}/{anas}/shares", Shares(progress: true, sessions: true, screens: true, program: true))).ShouldBeProblem(HttpStatusCode.NotFound);
        (await PutAsync(ben, $"{Coaches}/not-an-id/shares", Shares())).ShouldBeProblem(HttpStatusCode.NotFound);
        (await ben.DeleteAsync($"{Coaches}/{anas}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await CoachCanSeeAsync(server, coach, ana.Id)).ShouldNotBeNull("Ben changed nothing of Ana's");
        (await LinksAsync(ana)).Single().GetProperty("shares").GetProperty("sessions").GetBoolean().ShouldBeFalse();

        (await ana.DeleteAsync($"{Coaches}/{anas}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await PutAsync(ana, $"{Coaches}/{anas}/shares", Shares(progress: true))).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task When_the_client_ends_the_link_the_coach_sees_nothing_at_once()
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var linkId = await LinkAsync(coach, client, Shares(progress: true, sessions: true, screens: true, program: true));
        (await CoachCanSeeAsync(server, coach, client.Id)).ShouldNotBeNull();

        (await client.DeleteAsync($"{Coaches}/{linkId}")).Status.ShouldBe(HttpStatusCode.NoContent);

        foreach (var kind in new ShareKind?[] { null, ShareKind.Progress, ShareKind.Sessions, ShareKind.Screens, ShareKind.Program })
        {
            (await CoachCanSeeAsync(server, coach, client.Id, kind)).ShouldBeNull($"{kind}: access stops at once");
        }
        (await CoachLooksAsync(server, coach, client.Id, ShareKind.Progress, "progress")).ShouldBeFalse();
        var link = (await LinksAsync(client)).Single();
        link.GetProperty("endedBy").GetString().ShouldBe("client");
        link.GetProperty("endedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await client.DeleteAsync($"{Coaches}/{linkId}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await coach.Person.DeleteAsync($"/api/v1/coach/clients/{client.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task When_the_coach_ends_the_link_access_stops_and_the_client_sees_who_ended_it()
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        await LinkAsync(coach, client, Shares(progress: true));

        (await coach.Person.DeleteAsync($"/api/v1/coach/clients/{client.Id}")).Status.ShouldBe(HttpStatusCode.NoContent);

        (await CoachCanSeeAsync(server, coach, client.Id, null)).ShouldBeNull();
        (await LinksAsync(client)).Single().GetProperty("endedBy").GetString().ShouldBe("coach");
        (await coach.Person.DeleteAsync($"/api/v1/coach/clients/{client.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await coach.Person.DeleteAsync("/api/v1/coach/clients/someone")).ShouldBeProblem(HttpStatusCode.NotFound);
        var activity = await client.GetAsync($"{Coaches}/activity");
        activity.Json.GetProperty("events")[0].GetProperty("text").GetString().ShouldBe($"{coach.DisplayName} ended the link with you.");
    }

    [Fact]
    public async Task The_client_reads_every_coaching_event_newest_first_in_plain_words()
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        using var other = await TestPerson.CreateAsync(server, consent: true, who: "other");
        var linkId = await LinkAsync(coach, client, Shares(progress: true, sessions: true));
        await LinkAsync(coach, other, Shares(progress: true));
        (await CoachLooksAsync(server, coach, client.Id, ShareKind.Progress, "progress")).ShouldBeTrue();
        (await CoachLooksAsync(server, coach, other.Id, ShareKind.Progress, "progress")).ShouldBeTrue();
        (await PutAsync(client, $"{Coaches}/{linkId}/shares", Shares(sessions: true))).Status.ShouldBe(HttpStatusCode.OK);
        (await CoachLooksAsync(server, coach, client.Id, ShareKind.Progress, "progress")).ShouldBeFalse("no longer shared, and not logged");
        (await client.DeleteAsync($"{Coaches}/{linkId}")).Status.ShouldBe(HttpStatusCode.NoContent);

        var answer = await client.GetAsync($"{Coaches}/activity");

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        var events = answer.Json.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("text").GetString()).ShouldBe(
        [
            $"You ended your link with {coach.DisplayName}.",
            $"You changed what {coach.DisplayName} may see: your sessions.",
            $"{coach.DisplayName} looked at your progress.",
            $"You linked with {coach.DisplayName} at {coach.OrganisationName}, sharing your progress and your sessions.",
        ]);
        events.Select(e => e.GetProperty("action").GetString()).ShouldBe(["coach.link-ended", "coach.shares-changed", "coach.viewed", "coach.linked"]);
        events.ShouldAllBe(e => e.GetProperty("coach").GetString() == coach.DisplayName);
        var times = events.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        times.ShouldBe(times.OrderByDescending(t => t).ToList());
        answer.Text.ShouldNotContain(other.Id.ToString());
        (await other.GetAsync($"{Coaches}/activity")).Json.GetProperty("events").GetArrayLength().ShouldBe(2, "linked and one look: their own only");
    }

    [Fact]
    public async Task Withdrawing_the_health_data_consent_stops_every_coach_read()
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        await LinkAsync(coach, client, Shares(progress: true));

        (await client.DeleteAsync("/api/v1/me/consents/health-data")).Status.ShouldBe(HttpStatusCode.NoContent);

        (await CoachCanSeeAsync(server, coach, client.Id, ShareKind.Progress)).ShouldBeNull();
        (await LinksAsync(client)).Single().TryGetProperty("endedAt", out _).ShouldBeFalse("the link stays; the data is closed");
    }

    [Fact]
    public async Task Someone_who_is_not_a_coach_is_refused_every_coach_endpoint_and_nothing_changes()
    {
        using var coach = await CoachAsync(server);
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var (secret, invite) = await InviteAsync(coach);
        await LinkAsync(coach, client);
        var inviteId = invite.GetProperty("id").GetGuid();

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, Invites), (HttpMethod.Get, Invites), (HttpMethod.Delete, $"{Invites}/{inviteId}"),
            (HttpMethod.Delete, $"/api/v1/coach/clients/{client.Id}"),
        })
        {
            using var content = method == HttpMethod.Post ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null;
            (await AccountApi.SendAsync(client.Http, method, path, content)).ShouldBeProblem(HttpStatusCode.Forbidden)
                .GetProperty("title").GetString().ShouldBe("Not a coach");
            (await AccountApi.SendAsync(client.Anonymous, method, path)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        }

        (await StateAsync(client, secret)).ShouldBe("open");
        (await CoachCanSeeAsync(server, coach, client.Id)).ShouldNotBeNull();
        (await coach.Person.GetAsync(Invites)).Json.GetProperty("invites").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Another_coach_finds_none_of_a_coachs_invitations_or_clients_and_changes_nothing()
    {
        using var sam = await CoachAsync(server);
        using var jo = await CoachAsync(server, "Jo Lee");
        using var client = await TestPerson.CreateAsync(server, consent: true, who: "client");
        var (secret, invite) = await InviteAsync(sam, "For Ana");
        await LinkAsync(sam, client, Shares(progress: true));

        var list = await jo.Person.GetAsync(Invites);
        list.Json.GetProperty("invites").GetArrayLength().ShouldBe(0);
        list.Text.ShouldNotContain("For Ana");
        (await jo.Person.DeleteAsync($"{Invites}/{invite.GetProperty("id").GetGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await jo.Person.DeleteAsync($"/api/v1/coach/clients/{client.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);

        (await StateAsync(client, secret)).ShouldBe("open");
        (await CoachCanSeeAsync(server, sam, client.Id)).ShouldNotBeNull("Sam's link is untouched");
        (await CoachCanSeeAsync(server, jo, client.Id)).ShouldBeNull("and Jo never had one");
        (await LinksAsync(client)).Single().TryGetProperty("endedAt", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unknown_invitation_link_shows_nothing()
    {
        using var http = server.CreateHttpClient();
        foreach (var secret in new[] { "unknown", new string('a', 200), "%20" })
        {
            (await AccountApi.GetAsync(http, $"/api/v1/invites/{secret}")).ShouldBeProblem(HttpStatusCode.NotFound);
        }
    }
}
