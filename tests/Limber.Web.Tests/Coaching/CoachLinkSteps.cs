using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Storage;
using Limber.Web.Accounts;
using Limber.Web.Coaching;
using Limber.Web.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Web.Tests.Coaching;

/// <summary>A coach on the test server: their account, signed in over the API, and the organisation they coach for.</summary>
internal sealed record TestCoach(TestPerson Person, Guid OrganisationId, string OrganisationName, string DisplayName) : IDisposable
{
    public Guid Id => Person.Id;

    public void Dispose() => Person.Dispose();
}

/// <summary>The steps of the coaching-link tests: making coaches and invitations, accepting, and reading what the server holds.</summary>
internal static class CoachLinkSteps
{
    /// <summary>A new account made administrator and coach of a new organisation, as the operator's command would.</summary>
    public static async Task<TestCoach> CoachAsync(AccountServer server, string displayName = "Sam Patel, physiotherapist")
    {
        var person = await TestPerson.CreateAsync(server, consent: true, who: "coach");
        var name = $"Back Clinic {Guid.NewGuid():N}"[..24];
        await using var scope = server.Services.CreateAsyncScope();
        var organisation = await scope.ServiceProvider.GetRequiredService<CoachRecords>().CreateOrganisationAsync(name, person.Id, displayName);
        organisation.ShouldNotBeNull();
        return new TestCoach(person, organisation.Id, name, displayName);
    }

    /// <summary>Makes an invitation over the API; answers its secret and the whole answer.</summary>
    public static async Task<(string Secret, JsonElement Invite)> InviteAsync(TestCoach coach, string? label = null)
    {
        var answer = label is null
            ? await coach.Person.PostAsync("/api/v1/coach/invites", "")
            : await coach.Person.PostAsync("/api/v1/coach/invites", new JsonObject { ["label"] = label });
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        var url = answer.Json.GetProperty("url").GetString()!;
        return (url[(url.LastIndexOf('/') + 1)..], answer.Json);
    }

    public static JsonObject Shares(bool progress = false, bool sessions = false, bool screens = false, bool program = false) => new()
    {
        ["progress"] = progress,
        ["sessions"] = sessions,
        ["screens"] = screens,
        ["program"] = program,
    };

    public static Task<ApiAnswer> AcceptAsync(TestPerson client, string secret, JsonObject? shares = null) =>
        client.PostAsync("/api/v1/me/coaches", new JsonObject { ["invite"] = secret, ["shares"] = shares ?? Shares(progress: true) });

    /// <summary>A client linked with the coach through a new invitation; answers the link's id.</summary>
    public static async Task<Guid> LinkAsync(TestCoach coach, TestPerson client, JsonObject? shares = null)
    {
        var (secret, _) = await InviteAsync(coach);
        var answer = await AcceptAsync(client, secret, shares);
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        return answer.Json.GetProperty("id").GetGuid();
    }

    /// <summary>
    /// What the coach may read of the client now, asked the way every coach read asks (<see cref="CoachAccess.LinkAsync"/>,
    /// which writes nothing): the link, or null when access has stopped.
    /// </summary>
    public static async Task<CoachLink?> CoachCanSeeAsync(AccountServer server, TestCoach coach, Guid clientId, ShareKind? kind = ShareKind.Progress)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var person = await services.GetRequiredService<LimberDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == coach.Id).Select(u => new SignedInAccount(u.Id, u.DataStamp)).SingleAsync();
        if (await services.GetRequiredService<CoachRecords>().CoachMembershipAsync(coach.Id) is not { } membership)
        {
            return null;
        }
        return await services.GetRequiredService<CoachAccess>().LinkAsync(new CoachContext(person, membership), clientId, kind);
    }

    /// <summary>A coach's look at the client's data, as the dashboard's reads record it; false when access was refused.</summary>
    public static async Task<bool> CoachLooksAsync(AccountServer server, TestCoach coach, Guid clientId, ShareKind kind, string what)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var person = await services.GetRequiredService<LimberDbContext>().Users.AsNoTracking()
            .Where(u => u.Id == coach.Id).Select(u => new SignedInAccount(u.Id, u.DataStamp)).SingleAsync();
        var membership = (await services.GetRequiredService<CoachRecords>().CoachMembershipAsync(coach.Id))!;
        return await services.GetRequiredService<CoachAccess>().ClientAsync(new CoachContext(person, membership), clientId, kind, what) is not null;
    }

    /// <summary>Moves an invitation's expiry into the past, as fourteen days would.</summary>
    public static async Task ExpireAsync(AccountServer server, Guid inviteId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        (await scope.ServiceProvider.GetRequiredService<LimberDbContext>().CoachInvites.Where(i => i.Id == inviteId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, past))).ShouldBe(1);
    }

    /// <summary>The invitation's state as its link shows it to anyone.</summary>
    public static async Task<string> StateAsync(TestPerson anyone, string secret)
    {
        var answer = await AccountApi.GetAsync(anyone.Anonymous, $"/api/v1/invites/{secret}");
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        return answer.Json.GetProperty("state").GetString()!;
    }

    /// <summary>The client's links as GET /api/v1/me/coaches gives them.</summary>
    public static async Task<JsonElement[]> LinksAsync(TestPerson client)
    {
        var answer = await client.GetAsync("/api/v1/me/coaches");
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        return [.. answer.Json.GetProperty("coaches").EnumerateArray()];
    }

    public static Task<ApiAnswer> PutAsync(TestPerson person, string path, JsonNode body) => person.SendAsync(HttpMethod.Put, path, body);
}
