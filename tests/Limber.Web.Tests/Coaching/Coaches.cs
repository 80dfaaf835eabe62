using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Storage;
using Limber.Web.Tests.Accounts;
using Limber.Web.Tests.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Web.Tests.Coaching;

/// <summary>
/// Coaching mode for the tests, set up as an operator and a client would: an organisation made through
/// <see cref="CoachRecords"/> in the server's own services (as the command line does), an invitation accepted by the
/// client, and the client's data sent through the real API. Dates older than the API takes are moved back in the
/// database, as <c>ProgressApiTests</c> does.
/// </summary>
internal static class Coaches
{
    public static readonly CoachShares All = new(true, true, true, true);

    /// <summary>A new coach in a new organisation of their own (its first administrator), made as the operator's command makes one.</summary>
    public static async Task<TestCoach> CoachAsync(AccountServer server, string who = "coach")
    {
        var person = await TestPerson.CreateAsync(server, who: who);
        var name = $"Practice {Guid.NewGuid():N}";
        var organisation = await WithAsync(server, (CoachRecords c) => c.CreateOrganisationAsync(name, person.Id, $"Coach {who}"));
        return new TestCoach(person, organisation.ShouldNotBeNull().Id, name, $"Coach {who}");
    }

    /// <summary>A second coach (not an administrator) in <paramref name="colleague"/>'s organisation.</summary>
    public static async Task<TestCoach> ColleagueAsync(AccountServer server, TestCoach colleague, string who = "colleague")
    {
        var person = await TestPerson.CreateAsync(server, who: who);
        await WithAsync(server, (CoachRecords c) => c.SetMemberAsync(colleague.OrganisationId, person.Id, $"Coach {who}", isCoach: true, isAdmin: false));
        return new TestCoach(person, colleague.OrganisationId, colleague.OrganisationName, $"Coach {who}");
    }

    /// <summary>Someone with consent, a profile (baseline pain 4, Europe/London) and a screen with no warning signs: routines plan.</summary>
    public static Task<TestPerson> ClientAsync(AccountServer server, string who = "client") => SessionApiTests.ReadyAsync(server, who);

    /// <summary>The client accepts an invitation from the coach, labelled by the coach, sharing what is given.</summary>
    public static Task<CoachLink> LinkAsync(AccountServer server, TestCoach coach, TestPerson client, string? label, CoachShares? shares = null) =>
        LinkAsync(server, coach.Id, coach.OrganisationId, client.Id, label, shares);

    /// <summary>The same, for a coach and a client known by their ids.</summary>
    public static async Task<CoachLink> LinkAsync(LimberServer server, Guid coachId, Guid organisationId, Guid clientId, string? label, CoachShares? shares = null)
    {
        var (_, secret) = await WithAsync(server, (CoachRecords c) => c.CreateInviteAsync(coachId, organisationId, label));
        var (outcome, link) = await WithAsync(server, (CoachRecords c) => c.AcceptAsync(secret, clientId, shares ?? All));
        outcome.ShouldBe(AcceptOutcome.Linked);
        return link.ShouldNotBeNull();
    }

    /// <summary>The client changes what they share with the coach of <paramref name="link"/>.</summary>
    public static Task ShareAsync(LimberServer server, CoachLink link, CoachShares shares) =>
        WithAsync(server, async (CoachRecords c) => (await c.ChangeSharesAsync(link.PersonId, link.Id, shares)).ShouldNotBeNull());

    /// <summary>Moves the client's program start and the link's start <paramref name="days"/> days back, as if both began then.</summary>
    public static Task BackdateAsync(AccountServer server, Guid clientId, int days) =>
        WithDbAsync(server, async db =>
        {
            foreach (var program in await db.Programs.Where(p => p.PersonId == clientId).ToListAsync())
            {
                program.StartedOn = program.StartedOn.AddDays(-days);
            }
            foreach (var link in await db.CoachLinks.Where(l => l.PersonId == clientId).ToListAsync())
            {
                link.StartedAt = link.StartedAt.AddDays(-days);
            }
            await db.SaveChangesAsync();
        });

    /// <summary>A check-in on any date, stored as the API stores one (the API takes the last 7 days only).</summary>
    public static Task CheckInAsync(AccountServer server, Guid clientId, DateOnly date, int pain) =>
        WithAsync(server, (CheckInRecords c) => c.StoreAsync(clientId, new NewCheckIn(date, pain, 4, 20, ["lowerBack"], [], false, false, false, null)));

    /// <summary>The client's today, in the time zone of their profile.</summary>
    public static DateOnly Today => PersonalDate.Today(TimeProvider.System, "Europe/London");

    /// <summary>The client's routine today: the exercises a session sends.</summary>
    public static Task<JsonElement> RoutineAsync(TestPerson client) => SessionApiTests.RoutineAsync(client);

    /// <summary>
    /// Sends a session done on <paramref name="date"/> through the API: each exercise of the routine (or the first
    /// only), with the feedback and worst pain given, and any reports made during it.
    /// </summary>
    public static async Task<JsonElement> SessionAsync(
        TestPerson client, JsonElement routine, DateOnly date, bool finished = true, int worstPain = 1, bool firstOnly = false, JsonArray? stops = null)
    {
        var first = routine.GetProperty("items")[0].GetProperty("exerciseId").GetString();
        var body = SessionApiTests.Session(routine, worstPain: worstPain, only: firstOnly ? i => i.GetProperty("exerciseId").GetString() == first : null);
        body["date"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (!finished)
        {
            body["finishedAt"] = null;
        }
        if (stops is not null)
        {
            body["stops"] = stops;
        }
        var answer = await SessionApiTests.PostAsync(client, body, Guid.NewGuid().ToString());
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
        return answer.Json;
    }

    /// <summary>The client's coaching events (newest first), as their own log lists them.</summary>
    public static Task<IReadOnlyList<AuditEvent>> EventsAsync(LimberServer server, Guid clientId) =>
        WithAsync(server, (CoachRecords c) => c.ClientEventsAsync(clientId));

    /// <summary>The subjects of the client's coach.viewed events: coach-link:{id}/{what}.</summary>
    public static async Task<IReadOnlyList<string>> ViewsAsync(LimberServer server, Guid clientId) =>
        [.. (await EventsAsync(server, clientId)).Where(e => e.Action == AuditEvent.CoachViewed).Select(e => e.SubjectRef)];

    public static async Task<T> WithAsync<TService, T>(LimberServer server, Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static async Task WithAsync<TService>(LimberServer server, Func<TService, Task> work)
        where TService : notnull
    {
        await using var scope = server.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static Task WithDbAsync(LimberServer server, Func<LimberDbContext, Task> work) => WithAsync(server, work);
}
