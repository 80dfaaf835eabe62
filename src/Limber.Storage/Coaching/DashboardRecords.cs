using System.Text.Json;
using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage;

/// <summary>
/// Which clients to read what for: each set holds only clients who share that kind of data with the coach and have the
/// health-data consent in force. <see cref="Sessions"/> also serves the dose flags, which need sessions or the program.
/// </summary>
/// <param name="Everyone">Every client on the dashboard: their profile and program give their own "today".</param>
/// <param name="Progress">Check-ins, everyday-activity ratings and the age the "not improving" watch reads.</param>
/// <param name="Sessions">Sessions with their exercises and stops, for adherence, stops and the last session.</param>
/// <param name="Doses">Sessions and check-ins for the dose flags (regressions, review suggested).</param>
/// <param name="Screens">The latest warning-sign screen and whether an outcome still holds routines back.</param>
/// <param name="Now">The moment the dashboard is for.</param>
/// <param name="SessionDays">Days of sessions to read, today included (adherence: 28).</param>
/// <param name="DoseDays">Days of sessions to read with their exercises, today included (regressions: 7).</param>
/// <param name="CheckInDays">Days of check-ins to read, today included (pain trend, the watch, weekly means).</param>
/// <param name="StopDays">Days of reports made during sessions to read back from now (14).</param>
public sealed record DashboardRequest(
    IReadOnlyCollection<Guid> Everyone,
    IReadOnlyCollection<Guid> Progress,
    IReadOnlyCollection<Guid> Sessions,
    IReadOnlyCollection<Guid> Doses,
    IReadOnlyCollection<Guid> Screens,
    DateTimeOffset Now,
    int SessionDays,
    int DoseDays,
    int CheckInDays,
    int StopDays);

/// <summary>The clients' profiles and active programs, by client id (no entry for a client without one).</summary>
public sealed record DashboardPeople(IReadOnlyDictionary<Guid, Profile> Profiles, IReadOnlyDictionary<Guid, Program> Programs);

/// <summary>A day with a session: its date and whether a session of that day was finished.</summary>
public sealed record DashboardSessionDay(Guid PersonId, DateOnly Date, bool Finished);

/// <summary>What a check-in says that the dashboard reads.</summary>
public sealed record DashboardCheckIn(Guid PersonId, DateOnly Date, int Pain, int? MorningStiffnessMinutes);

/// <summary>A warning-sign screen with its reasons as shown and the strongest confirmation recorded for it.</summary>
public sealed record DashboardScreen(JudgedScreen Screen, IReadOnlyList<ScreenReason> Reasons, ReferralConfirmationKind? Confirmed);

/// <summary>
/// Everything the coach dashboard is made from, for all its clients at once. Lists hold rows of every client asked
/// for; the dictionaries are by client id and have no entry for a client with none. The everyday-activity ratings,
/// the longest list, come by client as they are read: one list of them all would be a large object, which only a full
/// collection frees.
/// </summary>
public sealed record DashboardData(
    IReadOnlyDictionary<Guid, Profile> Profiles,
    IReadOnlyDictionary<Guid, Program> Programs,
    IReadOnlyList<DashboardSessionDay> SessionDays,
    IReadOnlyDictionary<Guid, DateOnly> LastSessions,
    IReadOnlyList<Session> DoseSessions,
    IReadOnlyList<SessionStop> Stops,
    IReadOnlyList<DashboardCheckIn> CheckIns,
    IReadOnlyDictionary<Guid, IReadOnlyList<ProfileActivity>> Activities,
    IReadOnlyDictionary<Guid, DashboardScreen> LatestScreens,
    IReadOnlyDictionary<Guid, DashboardScreen> HoldingScreens);

/// <summary>
/// Reads the coach dashboard's data in batches (issue 10, and issue 11's budget of 100 ms for 200 clients with a year
/// of data each): one query per table for every client at once, bounded by date wherever the dashboard looks only at
/// recent days, never one client's whole history after another. Who may be read is decided before: this reads what
/// it is asked for.
/// </summary>
/// <remarks>
/// On PostgreSQL the two largest reads (the recent sessions with their exercises, and the everyday-activity ratings) go
/// to connections of their own, from contexts of their own scopes, while the others run on this one: the server works
/// on one while Limber reads the rows of another. Each read already stood alone (no transaction spans them), so reading
/// them at once changes nothing in what is read. Not on SQLite, whose driver runs a query on the calling thread, so
/// nothing would overlap; and not while this context holds a transaction, whose writes another connection cannot see.
/// </remarks>
public sealed class DashboardRecords(LimberDbContext db, ScreenRecords screens, IServiceScopeFactory scopes)
{
    private static readonly JsonSerializerOptions ReasonJson = new(JsonSerializerDefaults.Web);

    /// <summary>Those of <paramref name="clientIds"/> whose health-data consent is in force.</summary>
    public async Task<IReadOnlySet<Guid>> ConsentingAsync(IReadOnlyCollection<Guid> clientIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(clientIds);
        if (clientIds.Count == 0)
        {
            return new HashSet<Guid>();
        }
        var ids = clientIds.ToList();
        var consenting = await db.Consents.AsNoTracking()
            .Where(c => ids.Contains(c.PersonId) && c.Purpose == Consent.HealthData && c.WithdrawnAt == null)
            .Select(c => c.PersonId)
            .Distinct()
            .ToListAsync(ct);
        return consenting.ToHashSet();
    }

    /// <summary>The clients' profiles and active programs: where each one's "today" and program week come from.</summary>
    public async Task<DashboardPeople> PeopleAsync(IReadOnlyCollection<Guid> clientIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(clientIds);
        var ids = clientIds.ToList();
        if (ids.Count == 0)
        {
            return new DashboardPeople(new Dictionary<Guid, Profile>(), new Dictionary<Guid, Program>());
        }
        var profiles = await db.Profiles.AsNoTracking()
            .Where(p => ids.Contains(p.PersonId))
            .ToDictionaryAsync(p => p.PersonId, ct);
        var programs = (await db.Programs.AsNoTracking()
            .Where(p => ids.Contains(p.PersonId) && p.Status == ProgramStatus.Active)
            .ToListAsync(ct))
            .GroupBy(p => p.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.StartedOn).First());
        return new DashboardPeople(profiles, programs);
    }

    /// <summary>The data of <paramref name="request"/> for the clients of <paramref name="people"/>, one query per table.</summary>
    public async Task<DashboardData> ReadAsync(DashboardRequest request, DashboardPeople people, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(people);
        var profiles = people.Profiles;
        var programs = people.Programs;
        var everyone = request.Everyone.ToList();

        // Each client's dates are their own; the earliest "today" among them bounds every date query.
        var earliest = everyone.Count == 0
            ? DateOnly.FromDateTime(request.Now.UtcDateTime)
            : everyone.Min(id => PersonalDate.Of(request.Now, profiles.GetValueOrDefault(id)?.TimeZoneId));

        // The two largest reads start first, each on a connection of its own where that helps (see the remarks above).
        var apart = db.Database.IsNpgsql() && db.Database.CurrentTransaction is null;
        var doseIds = request.Doses.ToList();
        var doseSince = earliest.AddDays(1 - request.DoseDays);
        var progressIds = request.Progress.ToList();
        var doseRead = apart ? ApartAsync(other => DoseSessionsAsync(other, doseIds, doseSince, ct)) : null;
        var ratingsRead = apart ? ApartAsync(other => ActivitiesAsync(other, progressIds, ct)) : null;
        try
        {
            return await ReadRestAsync(request, profiles, programs, earliest, doseRead, ratingsRead, ct);
        }
        finally
        {
            // Never leave a read running on its own when this one failed: wait for both (their failure is this one's).
            foreach (var read in new Task?[] { doseRead, ratingsRead })
            {
                if (read is not null && !read.IsCompleted)
                {
                    await read.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
    }

    private async Task<DashboardData> ReadRestAsync(
        DashboardRequest request, IReadOnlyDictionary<Guid, Profile> profiles, IReadOnlyDictionary<Guid, Program> programs, DateOnly earliest,
        Task<List<Session>>? doseRead, Task<Dictionary<Guid, IReadOnlyList<ProfileActivity>>>? ratingsRead, CancellationToken ct)
    {
        var sessionIds = request.Sessions.ToList();
        var sessionsFrom = earliest.AddDays(1 - request.SessionDays);
        // One row a day, not one a session: adherence counts days with a finished session, and the last session is a day.
        var sessionDays = sessionIds.Count == 0 ? [] : await db.Sessions.AsNoTracking()
            .Where(s => sessionIds.Contains(s.PersonId) && s.Date >= sessionsFrom)
            .GroupBy(s => new { s.PersonId, s.Date })
            .Select(g => new DashboardSessionDay(g.Key.PersonId, g.Key.Date, g.Count(s => s.FinishedAt != null) > 0))
            .ToListAsync(ct);
        // The latest date of each: from the days just read when there is a recent one, else from the (PersonId, Date)
        // index for the few without, so no one's history is read.
        var lastSessions = sessionDays.GroupBy(s => s.PersonId).ToDictionary(g => g.Key, g => g.Max(s => s.Date));
        var quiet = sessionIds.Where(id => !lastSessions.ContainsKey(id)).ToList();
        if (quiet.Count > 0)
        {
            foreach (var older in await db.Sessions.AsNoTracking()
                .Where(s => quiet.Contains(s.PersonId))
                .GroupBy(s => s.PersonId)
                .Select(g => new { PersonId = g.Key, Last = g.Max(s => s.Date) })
                .ToListAsync(ct))
            {
                lastSessions[older.PersonId] = older.Last;
            }
        }

        var stopIds = request.Sessions.Union(request.Doses).ToList();
        // A day more than asked: a session dated in a client's own zone may have started the evening before in UTC.
        var stopsSince = request.Now.AddDays(-(Math.Max(request.StopDays, request.DoseDays) + 1));
        var stops = stopIds.Count == 0 ? [] : await db.SessionStops.AsNoTracking()
            .Where(s => stopIds.Contains(s.PersonId) && s.At >= stopsSince)
            .ToListAsync(ct);

        var checkInIds = request.Progress.Union(request.Doses).ToList();
        var checkInsFrom = earliest.AddDays(1 - request.CheckInDays);
        var checkIns = checkInIds.Count == 0 ? [] : await db.CheckIns.AsNoTracking()
            .Where(c => checkInIds.Contains(c.PersonId) && c.Date >= checkInsFrom)
            .Select(c => new DashboardCheckIn(c.PersonId, c.Date, c.PainNow, c.MorningStiffnessMinutes))
            .ToListAsync(ct);

        var latest = await LatestScreensAsync(request.Progress.Union(request.Screens).ToList(), ct);
        var holding = await HoldingScreensAsync(request.Screens.ToList(), ct);

        var doseSessions = doseRead is null ? await DoseSessionsAsync(db, [.. request.Doses], earliest.AddDays(1 - request.DoseDays), ct) : await doseRead;
        var stopsOf = stops.ToLookup(s => s.SessionId);
        foreach (var session in doseSessions)
        {
            session.Stops = [.. stopsOf[session.Id]];
        }
        var activities = ratingsRead is null ? await ActivitiesAsync(db, [.. request.Progress], ct) : await ratingsRead;

        return new DashboardData(profiles, programs, sessionDays, lastSessions, doseSessions, stops, checkIns, activities, latest, holding);
    }

    /// <summary>
    /// <paramref name="read"/> on a context of a scope of its own (so a connection of its own), on the thread pool, so
    /// that it runs while the caller goes on with its own context.
    /// </summary>
    private Task<T> ApartAsync<T>(Func<LimberDbContext, Task<T>> read) => Task.Run(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LimberDbContext>());
    });

    /// <summary>
    /// The everyday-activity ratings of <paramref name="ids"/>, by client. A few ratings a month per client: the whole
    /// history, since the first rating is the baseline and a rating stands until the activity is rated again (only its
    /// columns, not whole rows).
    /// </summary>
    private static async Task<Dictionary<Guid, IReadOnlyList<ProfileActivity>>> ActivitiesAsync(LimberDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var activities = new Dictionary<Guid, IReadOnlyList<ProfileActivity>>();
        if (ids.Count == 0)
        {
            return activities;
        }
        await foreach (var rating in db.ProfileActivities.AsNoTracking()
            .Where(a => ids.Contains(a.PersonId))
            .Select(a => new ProfileActivity { Id = a.Id, PersonId = a.PersonId, Name = a.Name, Score = a.Score, RecordedAt = a.RecordedAt })
            .AsAsyncEnumerable()
            .WithCancellation(ct))
        {
            if (!activities.TryGetValue(rating.PersonId, out var list))
            {
                activities[rating.PersonId] = list = new List<ProfileActivity>();
            }
            ((List<ProfileActivity>)list).Add(rating);
        }
        return activities;
    }

    /// <summary>
    /// Sessions from <paramref name="since"/> with their exercises (their stops are the caller's to add), put together
    /// from narrow queries rather than whole rows: only what the dose rules read (<see cref="DoseRecords.FeedbackOf"/>)
    /// is filled in.
    /// </summary>
    private static async Task<List<Session>> DoseSessionsAsync(LimberDbContext db, List<Guid> ids, DateOnly since, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => ids.Contains(s.PersonId) && s.Date >= since)
            .Select(s => new Session
            {
                Id = s.Id, PersonId = s.PersonId, Date = s.Date, StartedAt = s.StartedAt, PainBefore = s.PainBefore, WorstPain = s.WorstPain,
                ClientSessionId = "",
            })
            .ToListAsync(ct);
        var byId = sessions.ToDictionary(s => s.Id);
        // Joined from the sessions (their (PersonId, Date) index), then the logs' (SessionId, PersonId) key: no one's
        // history is read, and no list of session ids is sent. Each log goes to its session as it is read, in the order
        // read, rather than into one list of them all (a large object).
        await foreach (var log in db.Sessions.AsNoTracking()
            .Where(s => ids.Contains(s.PersonId) && s.Date >= since)
            .Join(db.ExerciseLogs.AsNoTracking(), s => new { SessionId = s.Id, s.PersonId }, l => new { l.SessionId, l.PersonId },
                (_, l) => new ExerciseLog { SessionId = l.SessionId, ExerciseId = l.ExerciseId, WorstPain = l.WorstPain, Feedback = l.Feedback })
            .AsAsyncEnumerable()
            .WithCancellation(ct))
        {
            // A session started between the two reads is not among those read: its logs wait for the next view.
            if (byId.TryGetValue(log.SessionId, out var session))
            {
                session.Exercises.Add(log);
            }
        }
        return sessions;
    }

    /// <summary>Each client's latest full screen (a weekly recheck asks the emergency items only), with its reasons.</summary>
    private async Task<Dictionary<Guid, DashboardScreen>> LatestScreensAsync(List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var latest = await db.JudgedScreens.AsNoTracking()
            .Where(s => ids.Contains(s.PersonId) && s.Kind == ScreenKind.Full)
            .GroupBy(s => s.PersonId)
            .Select(g => g.OrderByDescending(s => s.TakenAt).ThenByDescending(s => s.Id).First())
            .ToListAsync(ct);
        return await WithConfirmationsAsync(latest, ct);
    }

    /// <summary>
    /// The screen that holds a client's routines back (an emergency not yet cleared, an urgent outcome not yet seen),
    /// for each client who has one. Only clients with an urgent or emergency screen at all are asked the routine gate
    /// (<see cref="ScreenRecords.GateAsync"/>), so its rules are applied exactly and by one piece of code.
    /// </summary>
    private async Task<Dictionary<Guid, DashboardScreen>> HoldingScreensAsync(List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var candidates = await db.JudgedScreens.AsNoTracking()
            .Where(s => ids.Contains(s.PersonId) && (s.Disposition == Disposition.Urgent || s.Disposition == Disposition.Emergency))
            .Select(s => s.PersonId)
            .Distinct()
            .ToListAsync(ct);
        var holdingIds = new List<Guid>();
        foreach (var candidate in candidates)
        {
            var gate = await screens.GateAsync(candidate, ct);
            if (gate.HoldingScreenId is { } held && !gate.RoutinesAllowed)
            {
                holdingIds.Add(held);
            }
        }
        if (holdingIds.Count == 0)
        {
            return [];
        }
        var holding = await db.JudgedScreens.AsNoTracking().Where(s => holdingIds.Contains(s.Id)).ToListAsync(ct);
        return await WithConfirmationsAsync(holding, ct);
    }

    private async Task<Dictionary<Guid, DashboardScreen>> WithConfirmationsAsync(List<JudgedScreen> found, CancellationToken ct)
    {
        var screenIds = found.Select(s => s.Id).ToList();
        var confirmed = screenIds.Count == 0 ? [] : (await db.ReferralConfirmations.AsNoTracking()
            .Where(c => screenIds.Contains(c.ScreenId))
            .Select(c => new { c.ScreenId, c.Kind })
            .ToListAsync(ct))
            .GroupBy(c => c.ScreenId)
            .ToDictionary(g => g.Key, g => g.Max(c => c.Kind));
        return found.ToDictionary(
            s => s.PersonId,
            s => new DashboardScreen(s, ReadReasons(s.ReasonsJson), confirmed.TryGetValue(s.Id, out var kind) ? kind : null));
    }

    private static List<ScreenReason> ReadReasons(string json) =>
        JsonSerializer.Deserialize<List<ScreenReason>>(json, ReasonJson) ?? [];
}
