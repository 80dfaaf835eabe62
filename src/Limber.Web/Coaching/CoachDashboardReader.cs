using Limber.Domain.Catalogue;
using Limber.Domain.Safety;
using Limber.Storage;

namespace Limber.Web.Coaching;

/// <summary>
/// Reads the coach dashboard (issue 10): the coach's active links in the organisations they coach for, what each client
/// shares now (the link's flags and the client's health-data consent together), and the data behind each row, read in
/// batches for all clients at once (<see cref="DashboardRecords"/>), then made into rows by <see cref="CoachDashboard"/>.
/// Made per request from the request's services (<see cref="Create"/>).
/// </summary>
public sealed class CoachDashboardReader(
    DashboardRecords records, CoachRecords coaching, ExerciseCatalogue catalogue, ProgressionSettings settings, TimeProvider time)
{
    /// <summary>
    /// Check-ins read, today included: two weeks of pain trend, or the dose rules' window and weeks of weekly means when
    /// longer.
    /// </summary>
    private const int MinimumCheckInDays = 2 * 7;

    /// <summary>
    /// The coach's links a dashboard shows: active, in an organisation where they still coach (as
    /// <see cref="CoachRecords.ActiveLinkAsync"/> requires for every other read).
    /// </summary>
    public async Task<IReadOnlyList<CoachLink>> LinksAsync(CoachContext coach, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(coach);
        var coachesFor = (await coaching.MembershipsAsync(coach.Id, ct)).Where(m => m.IsCoach).Select(m => m.OrganisationId).ToHashSet();
        return [.. (await coaching.ActiveClientsAsync(coach.Id, ct)).Where(l => coachesFor.Contains(l.OrganisationId))];
    }

    /// <summary>
    /// The dashboard: one row per link, in the order of who needs attention first, after writing one audit event per
    /// client shown ("dashboard"), which the client sees in their log.
    /// </summary>
    public async Task<IReadOnlyList<DashboardRow>> DashboardAsync(CoachContext coach, CancellationToken ct = default)
    {
        var links = await LinksAsync(coach, ct);
        var rows = await RowsAsync(links, ct);
        await coaching.RecordViewsAsync(links, "dashboard", ct);
        return rows;
    }

    /// <summary>The rows of links the caller may show, sorted, without writing any audit event (the caller writes its own).</summary>
    public async Task<IReadOnlyList<DashboardRow>> RowsAsync(IReadOnlyList<CoachLink> links, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count == 0)
        {
            return [];
        }
        var consenting = await records.ConsentingAsync([.. links.Select(l => l.PersonId).Distinct()], ct);
        var shares = links.ToDictionary(l => l.Id, l => consenting.Contains(l.PersonId) ? CoachShares.Of(l) : CoachShares.None);
        List<Guid> Sharing(Func<CoachShares, bool> kind) => [.. links.Where(l => kind(shares[l.Id])).Select(l => l.PersonId).Distinct()];

        var everyone = links.Select(l => l.PersonId).Distinct().ToList();
        var doses = Sharing(s => s.Sessions || s.Program);
        var now = time.GetUtcNow();

        // The dose rules' weekly means look back a few weeks; a coach may have set more weeks for a client.
        var people = await records.PeopleAsync(everyone, ct);
        var settingsOf = everyone.ToDictionary(id => id, id => Settings(people.Programs.GetValueOrDefault(id)));
        var doseDays = doses.Count == 0 ? 0 : doses.Max(id => CoachDashboard.ReviewDays(settingsOf[id]));
        var checkInDays = Math.Max(Math.Max(MinimumCheckInDays, doseDays + 1), doses.Count == 0 ? 0 : doses.Max(id => (settingsOf[id].ReviewWeeks + 1) * 7));

        var data = await records.ReadAsync(new DashboardRequest(
            everyone, Sharing(s => s.Progress), Sharing(s => s.Sessions), doses, Sharing(s => s.Screens), now,
            CoachDashboard.AdherenceDays, doseDays, checkInDays, CoachDashboard.StopDays), people, ct);

        var sessionDays = ByPerson(data.SessionDays, s => s.PersonId);
        var doseSessions = ByPerson(data.DoseSessions, s => s.PersonId);
        var stops = ByPerson(data.Stops, s => s.PersonId);
        var checkIns = ByPerson(data.CheckIns, c => c.PersonId);
        var decisions = new SessionDoseDecisions();
        var rows = links.Select(link =>
        {
            var id = link.PersonId;
            return CoachDashboard.Row(new DashboardClientInput(
                link, shares[link.Id], now,
                data.Profiles.GetValueOrDefault(id), data.Programs.GetValueOrDefault(id),
                Of(sessionDays, id), data.LastSessions.TryGetValue(id, out var last) ? last : null,
                Of(doseSessions, id), Of(stops, id), Of(checkIns, id), data.Activities.GetValueOrDefault(id) ?? [],
                data.LatestScreens.GetValueOrDefault(id), data.HoldingScreens.GetValueOrDefault(id),
                settingsOf[id]), catalogue, decisions);
        });
        return CoachDashboard.Sort(rows);
    }

    /// <summary>Rows by client, in the order read: each client's list is made once and handed to the row as it is.</summary>
    private static Dictionary<Guid, List<T>> ByPerson<T>(IReadOnlyList<T> rows, Func<T, Guid> personId)
    {
        var byPerson = new Dictionary<Guid, List<T>>();
        foreach (var row in rows)
        {
            var id = personId(row);
            if (!byPerson.TryGetValue(id, out var list))
            {
                byPerson[id] = list = [];
            }
            list.Add(row);
        }
        return byPerson;
    }

    /// <summary>The client's rows; none when there are none.</summary>
    private static List<T> Of<T>(Dictionary<Guid, List<T>> byPerson, Guid id) =>
        byPerson.TryGetValue(id, out var list) ? list : [];

    /// <summary>The client's thresholds for the dose rules: their coach's when set, else the deployment's.</summary>
    private ProgressionSettings Settings(Limber.Storage.Program? program) =>
        PrescriptionRecords.ReadThresholds(program?.ThresholdsJson) ?? settings;
}
