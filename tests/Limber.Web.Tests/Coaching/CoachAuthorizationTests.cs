using System.Net;
using System.Text.Json.Nodes;
using Limber.Storage;
using Limber.Web.Tests.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Limber.Web.Tests.Coaching.Coaches;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// Every coaching and organisation endpoint, as the app has them (its endpoint data source, so a new endpoint without a
/// case here fails the test), called by nobody, by a client who is no coach, by a coach of another organisation and by
/// another coach of the same organisation: each gets 401, 403 or 404 (or, for what is their own, their own and nothing
/// more), never the client's data, and the client's log gains no event. Then the linked coach, with each share the
/// endpoint needs withdrawn, gets 404 and writes nothing.
/// </summary>
[Collection(AccountServerCollection.Name)]
public sealed class CoachAuthorizationTests(AccountServer server)
{
    /// <summary>Who calls an endpoint.</summary>
    public enum Caller
    {
        Nobody,
        Client,
        OtherOrganisationCoach,
        SameOrganisationCoach,
    }

    /// <summary>The linked coach and client, the strangers, and what only the client's side knows.</summary>
    private sealed record World(
        TestCoach Coach, TestCoach Other, TestCoach Colleague, TestPerson Client, TestPerson Plain, CoachLink Link, Guid PendingInvite, string[] Secrets)
    {
        public string ClientPath => $"/api/v1/coach/clients/{Client.Id:D}";
    }

    /// <summary>
    /// One endpoint: where to call, what to send, what each caller may be answered (by default 401 for nobody, 403 for a
    /// client who is no coach and 404 for other coaches), and the shares the linked coach needs (null: none of the client's
    /// data, so withdrawing a share changes nothing).
    /// </summary>
    private sealed record EndpointCase(Func<World, string> Path, Func<World, JsonNode?>? Body = null, Func<Caller, int[]>? Answers = null, ShareKind[]? Needs = null)
    {
        public int[] Expected(Caller caller) => Answers?.Invoke(caller) ?? Default(caller);

        public static int[] Default(Caller caller) => caller switch
        {
            Caller.Nobody => [401],
            Caller.Client => [403],
            Caller.OtherOrganisationCoach or Caller.SameOrganisationCoach => [404],
        };

        /// <summary>What is a coach's own (their invitations, the templates): a coach gets their own answer.</summary>
        public static Func<Caller, int[]> OwnForCoaches(int status) => caller => caller is Caller.Nobody or Caller.Client ? Default(caller) : [status];
    }

    private static readonly ShareKind[] FhirKinds = [ShareKind.Progress, ShareKind.Screens, ShareKind.Program];

    /// <summary>One case per endpoint under /api/v1/coach and /api/v1/organisations. Add a case with every new endpoint.</summary>
    private static readonly Dictionary<string, EndpointCase> Cases = new(StringComparer.Ordinal)
    {
        // The dashboard and a client's data (this feature).
        ["GET /api/v1/coach/clients"] = new(_ => "/api/v1/coach/clients", Answers: EndpointCase.OwnForCoaches(200)),
        ["GET /api/v1/coach/clients/{clientId}"] = new(w => w.ClientPath),
        ["GET /api/v1/coach/clients/{clientId}/progress"] = new(w => w.ClientPath + "/progress", Needs: [ShareKind.Progress]),
        ["GET /api/v1/coach/clients/{clientId}/sessions"] = new(w => w.ClientPath + "/sessions", Needs: [ShareKind.Sessions]),
        ["GET /api/v1/coach/clients/{clientId}/screens"] = new(w => w.ClientPath + "/screens", Needs: [ShareKind.Screens]),
        ["GET /api/v1/coach/clients/{clientId}/export/fhir"] = new(w => w.ClientPath + "/export/fhir", Needs: FhirKinds),

        // Invitations and links.
        ["POST /api/v1/coach/invites"] = new(_ => "/api/v1/coach/invites", _ => new JsonObject { ["label"] = "Someone else" }, EndpointCase.OwnForCoaches(201)),
        ["GET /api/v1/coach/invites"] = new(_ => "/api/v1/coach/invites", Answers: EndpointCase.OwnForCoaches(200)),
        ["DELETE /api/v1/coach/invites/{id}"] = new(w => $"/api/v1/coach/invites/{w.PendingInvite:D}"),
        ["DELETE /api/v1/coach/clients/{clientId}"] = new(w => w.ClientPath),

        // Programs.
        ["GET /api/v1/coach/templates"] = new(_ => "/api/v1/coach/templates", Answers: EndpointCase.OwnForCoaches(200)),
        ["GET /api/v1/coach/clients/{clientId}/program"] = new(w => w.ClientPath + "/program", Needs: [ShareKind.Program]),
        ["PUT /api/v1/coach/clients/{clientId}/program"] = new(w => w.ClientPath + "/program", _ => new JsonObject(), Needs: [ShareKind.Program]),
        ["DELETE /api/v1/coach/clients/{clientId}/program"] = new(w => w.ClientPath + "/program", Needs: [ShareKind.Program]),
        ["GET /api/v1/coach/clients/{clientId}/program/handout.pdf"] = new(w => w.ClientPath + "/program/handout.pdf", Needs: [ShareKind.Program]),

        // Organisations: anyone signed in lists their own; only an organisation's administrators see or change its members.
        ["GET /api/v1/organisations/mine"] = new(_ => "/api/v1/organisations/mine", Answers: c => c == Caller.Nobody ? [401] : [200]),
        ["GET /api/v1/organisations/{id}/members"] = new(w => $"/api/v1/organisations/{w.Coach.OrganisationId:D}/members", Answers: Organisation),
        ["PUT /api/v1/organisations/{id}/members"] = new(w => $"/api/v1/organisations/{w.Coach.OrganisationId:D}/members",
            w => new JsonObject { ["email"] = w.Client.Email, ["displayName"] = "Taken over", ["isCoach"] = true, ["isAdmin"] = true }, Organisation),
        ["DELETE /api/v1/organisations/{id}/members/{personId}"] = new(w => $"/api/v1/organisations/{w.Coach.OrganisationId:D}/members/{w.Coach.Id:D}",
            Answers: Organisation),
    };

    /// <summary>Outside the organisation: 404; a member who is not an administrator: 403.</summary>
    private static int[] Organisation(Caller caller) => caller switch
    {
        Caller.Nobody => [401],
        Caller.Client or Caller.OtherOrganisationCoach => [404],
        Caller.SameOrganisationCoach => [403],
    };

    /// <summary>Every endpoint under the coaching and organisation prefixes, as "METHOD /route/{template}".</summary>
    private IReadOnlyList<string> Endpoints() =>
    [
        .. server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw
                && (raw.StartsWith("/api/v1/coach/", StringComparison.Ordinal) || raw == "/api/v1/coach"
                    || raw.StartsWith("/api/v1/organisations/", StringComparison.Ordinal) || raw == "/api/v1/organisations"))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Every_coaching_and_organisation_endpoint_has_a_case()
    {
        var endpoints = Endpoints();
        endpoints.ShouldContain("GET /api/v1/coach/clients");
        endpoints.ShouldContain("GET /api/v1/coach/clients/{clientId}/export/fhir");
        endpoints.Where(e => !Cases.ContainsKey(e)).ShouldBeEmpty("every endpoint under /api/v1/coach and /api/v1/organisations needs a case in CoachAuthorizationTests");
    }

    [Fact]
    public async Task Nobody_a_client_and_other_coaches_get_nothing_of_the_client_and_write_nothing()
    {
        var world = await WorldAsync();
        var before = await ViewsAndLinkAsync(world);
        foreach (var endpoint in Endpoints())
        {
            var @case = Cases[endpoint];
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var answer = await CallAsync(world, endpoint, @case, caller);
                @case.Expected(caller).ShouldContain(answer.Code, $"{endpoint} as {caller}: {answer}");
                if (answer.Code >= 400)
                {
                    answer.MediaType.ShouldBe("application/problem+json", $"{endpoint} as {caller}");
                }
                foreach (var secret in world.Secrets)
                {
                    answer.Text.ShouldNotContain(secret, Case.Insensitive, $"{endpoint} as {caller} showed the client's data");
                }
                (await ViewsAndLinkAsync(world)).ShouldBe(before, $"{endpoint} as {caller} wrote to the client's log or changed the link");
            }
        }
        // The coach's own invitation is still theirs to withdraw.
        (await WithAsync(server, (CoachRecords c) => c.PendingInvitesAsync(world.Coach.Id))).Select(i => i.Id).ShouldContain(world.PendingInvite);
    }

    [Fact]
    public async Task The_linked_coach_gets_404_and_writes_nothing_for_what_the_client_no_longer_shares()
    {
        var world = await WorldAsync();
        var tried = 0;
        foreach (var endpoint in Endpoints())
        {
            if (Cases[endpoint].Needs is not { } needs)
            {
                continue;
            }
            await ShareAsync(server, world.Link, new CoachShares(
                !needs.Contains(ShareKind.Progress), !needs.Contains(ShareKind.Sessions), !needs.Contains(ShareKind.Screens), !needs.Contains(ShareKind.Program)));
            var before = await ViewsAndLinkAsync(world);
            var answer = await SendAsync(world.Coach.Person.Http, endpoint, Cases[endpoint], world);
            answer.ShouldBeProblem(HttpStatusCode.NotFound).GetProperty("title").GetString().ShouldBe("No such client", endpoint);
            foreach (var secret in world.Secrets)
            {
                answer.Text.ShouldNotContain(secret, Case.Insensitive, endpoint);
            }
            (await ViewsAndLinkAsync(world)).ShouldBe(before, $"{endpoint} wrote to the client's log");
            tried++;
        }
        tried.ShouldBeGreaterThanOrEqualTo(4);

        // With the health-data consent withdrawn, nothing is shared, whatever the link says.
        await ShareAsync(server, world.Link, All);
        (await world.Client.DeleteAsync("/api/v1/me/consents/health-data")).Status.ShouldBe(HttpStatusCode.NoContent);
        foreach (var what in new[] { "/progress", "/sessions", "/screens", "/export/fhir" })
        {
            (await world.Coach.Person.GetAsync(world.ClientPath + what)).ShouldBeProblem(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task An_ended_link_or_a_coach_removed_from_the_organisation_sees_nothing()
    {
        using var coach = await CoachAsync(server, "ending");
        using var colleague = await ColleagueAsync(server, coach, "removed");
        using var one = await ClientAsync(server, "ended");
        using var two = await ClientAsync(server, "orphaned");
        await LinkAsync(server, coach, one, "Ended");
        await LinkAsync(server, colleague, two, "Orphaned");
        (await coach.Person.GetAsync($"/api/v1/coach/clients/{one.Id}")).Status.ShouldBe(HttpStatusCode.OK);

        await WithAsync(server, async (CoachRecords c) => (await c.EndByClientAsync(one.Id, (await c.ClientLinksAsync(one.Id))[0].Link.Id)).ShouldBeTrue());
        (await coach.Person.GetAsync($"/api/v1/coach/clients/{one.Id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await coach.Person.GetAsync("/api/v1/coach/clients")).Json.GetProperty("clients").GetArrayLength().ShouldBe(0);

        await WithAsync(server, (CoachRecords c) => c.RemoveMemberAsync(coach.OrganisationId, colleague.Id));
        (await colleague.Person.GetAsync("/api/v1/coach/clients")).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await colleague.Person.GetAsync($"/api/v1/coach/clients/{two.Id}/progress")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    private async Task<World> WorldAsync()
    {
        var coach = await CoachAsync(server, "linked");
        var other = await CoachAsync(server, "stranger");
        var colleague = await ColleagueAsync(server, coach);
        var plain = await TestPerson.CreateAsync(server, consent: true, who: "plain");
        var client = await ClientAsync(server, "guarded");

        var note = $"Client's own note {Guid.NewGuid():N}";
        var checkIn = Planning.CheckInApiTests.Body(painNow: 3);
        checkIn["note"] = note;
        (await client.PostAsync("/api/v1/me/checkins", checkIn)).Status.ShouldBe(HttpStatusCode.Created);
        var activity = $"Lifting the grandchild {Guid.NewGuid():N}";
        var profile = Planning.ProfileApiTests.Body();
        profile["activities"]![0]!["name"] = activity;
        (await client.SendAsync(HttpMethod.Put, "/api/v1/me/profile", profile)).Status.ShouldBe(HttpStatusCode.OK);
        await SessionAsync(client, await RoutineAsync(client), Today);
        await client.StoreScreenAsync(AccountApi.UrgentScreen());

        var label = $"Guarded client {Guid.NewGuid():N}";
        var link = await LinkAsync(server, coach, client, label);
        var pendingLabel = $"Pending for someone {Guid.NewGuid():N}";
        var (pending, _) = await WithAsync(server, (CoachRecords c) => c.CreateInviteAsync(coach.Id, coach.OrganisationId, pendingLabel));
        return new World(coach, other, colleague, client, plain, link, pending.Id, [client.Email, label, note, activity, pendingLabel]);
    }

    /// <summary>The client's coaching events and whether the link is still active: what no stranger may change.</summary>
    private async Task<string> ViewsAndLinkAsync(World world)
    {
        var events = await EventsAsync(server, world.Client.Id);
        var active = await WithAsync(server, (CoachRecords c) => c.ActiveLinkAsync(world.Coach.Id, world.Client.Id));
        return $"{string.Join(",", events.Select(e => $"{e.Action} {e.SubjectRef}"))} active={active is not null}";
    }

    private static Task<ApiAnswer> CallAsync(World world, string endpoint, EndpointCase @case, Caller caller)
    {
        var http = caller switch
        {
            Caller.Nobody => world.Plain.Anonymous,
            Caller.Client => world.Plain.Http,
            Caller.OtherOrganisationCoach => world.Other.Person.Http,
            Caller.SameOrganisationCoach => world.Colleague.Person.Http,
        };
        return SendAsync(http, endpoint, @case, world);
    }

    private static async Task<ApiAnswer> SendAsync(HttpClient http, string endpoint, EndpointCase @case, World world)
    {
        var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)]);
        using var content = @case.Body?.Invoke(world) is { } body
            ? new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json")
            : null;
        return await AccountApi.SendAsync(http, method, @case.Path(world), content);
    }
}
