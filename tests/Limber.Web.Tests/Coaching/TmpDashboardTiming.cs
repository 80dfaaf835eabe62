using System.Diagnostics;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Limber.Web.Tests.Coaching;

// TEMPORARY: a one-off measurement, deleted after use.
public sealed class TmpDashboardTiming(ITestOutputHelper output)
{
    [Fact]
    public async Task Measure()
    {
        using var server = AccountServer.With(new Dictionary<string, string?>());
        using var coach = await Coaches.CoachAsync(server);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = today.AddDays(-365);
        string[] exercises = ["cat-cow", "bird-dog", "glute-bridge", "pelvic-tilt", "knee-to-chest", "dead-bug"];
        var clock = Stopwatch.StartNew();
        for (var batch = 0; batch < 20; batch++)
        {
            await using var scope = server.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LimberDbContext>();
            var ids = new List<Guid>();
            for (var i = 0; i < 10; i++)
            {
                var id = Guid.NewGuid();
                ids.Add(id);
                db.Users.Add(new Person { Id = id, UserName = $"{id:N}@x.org", Email = $"{id:N}@x.org", CreatedAt = DateTimeOffset.UtcNow });
                db.Consents.Add(new Consent { PersonId = id, Purpose = Consent.HealthData, Version = "2026-11", GivenAt = DateTimeOffset.UtcNow.AddDays(-366) });
                db.Profiles.Add(new Profile { PersonId = id, BaselinePain = 5, MinutesPerSession = 10, SessionsPerDay = 1, MorningStiffnessMinutes = 20, TimeZoneId = "Europe/London" });
                db.Programs.Add(new Limber.Storage.Program { PersonId = id, Name = "Six-week program", StartedOn = start, Status = ProgramStatus.Active });
                for (var d = 0; d < 365; d++)
                {
                    var date = start.AddDays(d);
                    db.CheckIns.Add(new CheckIn { PersonId = id, Date = date, PainNow = 3 + (d % 4), RecordedAt = DateTimeOffset.UtcNow.AddDays(d - 365) });
                    if (d % 7 != 3)
                    {
                        var session = new Session { Id = Guid.NewGuid(), PersonId = id, Date = date, ClientSessionId = Guid.NewGuid().ToString(), StartedAt = DateTimeOffset.UtcNow.AddDays(d - 365), FinishedAt = DateTimeOffset.UtcNow.AddDays(d - 365).AddMinutes(10), PainBefore = 3, WorstPain = 2 + (d % 5) };
                        foreach (var e in exercises)
                        {
                            session.Exercises.Add(new ExerciseLog { PersonId = id, SessionId = session.Id, ExerciseId = e, Completed = true, Feedback = "aboutRight", WorstPain = 2 + (d % 5) });
                        }
                        db.Sessions.Add(session);
                    }
                    if (d % 7 == 0)
                    {
                        db.JudgedScreens.Add(new JudgedScreen { PersonId = id, TakenAt = DateTimeOffset.UtcNow.AddDays(d - 365), Kind = d == 0 ? ScreenKind.Full : ScreenKind.EmergencyRecheck, Age = 45, Disposition = Disposition.None, RulesVersion = "1", ReasonsJson = "[]" });
                    }
                    if (d % 14 == 0)
                    {
                        db.ProfileActivities.Add(new ProfileActivity { PersonId = id, Name = "Socks", Score = 4 + d % 3, RecordedAt = DateTimeOffset.UtcNow.AddDays(d - 365) });
                        db.ProfileActivities.Add(new ProfileActivity { PersonId = id, Name = "Car", Score = 5, RecordedAt = DateTimeOffset.UtcNow.AddDays(d - 365) });
                    }
                }
            }
            await db.SaveChangesAsync();
            foreach (var id in ids)
            {
                await Coaches.LinkAsync(server, coach.Id, coach.OrganisationId, id, $"Client {id:N}"[..14]);
            }
        }
        output.WriteLine($"seeded in {clock.Elapsed}");
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LimberDbContext>();
            var sessionIds = db.Sessions.Select(s => s.Id).Take(1200).ToList();
            var q = db.ExerciseLogs.AsNoTracking().Where(l => sessionIds.Contains(l.SessionId)).Select(l => new { l.SessionId, l.ExerciseId, l.Completed, l.WorstPain, l.Feedback });
            var sql = q.ToQueryString();
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "EXPLAIN QUERY PLAN " + sql[(sql.IndexOf("SELECT", StringComparison.Ordinal))..];
            var p = cmd.CreateParameter(); p.ParameterName = "@sessionIds"; p.Value = System.Text.Json.JsonSerializer.Serialize(sessionIds); cmd.Parameters.Add(p);
            using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { output.WriteLine($"{reader.GetValue(3)}"); }
            clock.Restart();
            var rows = await q.ToListAsync();
            output.WriteLine($"logs {rows.Count} in {clock.ElapsedMilliseconds} ms");
            clock.Restart();
            rows = await q.ToListAsync();
            output.WriteLine($"logs again {rows.Count} in {clock.ElapsedMilliseconds} ms");
            var people = db.Profiles.Select(p => p.PersonId).ToList();
            var since = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-8);
            var joined = from ses in db.Sessions.AsNoTracking()
                         where people.Contains(ses.PersonId) && ses.Date >= since
                         join l in db.ExerciseLogs.AsNoTracking() on new { Id = ses.Id, ses.PersonId } equals new { Id = l.SessionId, l.PersonId }
                         select new { l.SessionId, l.ExerciseId, l.Completed, l.WorstPain, l.Feedback };
            for (var i = 0; i < 3; i++)
            {
                clock.Restart();
                var j = await joined.ToListAsync();
                output.WriteLine($"joined {j.Count} in {clock.ElapsedMilliseconds} ms");
            }
        }
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var records = sp.GetRequiredService<DashboardRecords>();
            var catalogue = sp.GetRequiredService<Limber.Domain.Catalogue.ExerciseCatalogue>();
            var links = await sp.GetRequiredService<CoachRecords>().ActiveClientsAsync(coach.Id);
            var everyone = links.Select(l => l.PersonId).ToList();
            var people = await records.PeopleAsync(everyone);
            var data = await records.ReadAsync(new DashboardRequest(everyone, everyone, everyone, everyone, everyone, DateTimeOffset.UtcNow, 28, 7, 21, 14), people);
            foreach (var (name, shares) in new[] { ("all", new CoachShares(true, true, true, true)), ("progress", new CoachShares(true, false, false, false)), ("sessions", new CoachShares(false, true, false, false)), ("screens", new CoachShares(false, false, true, false)) })
            {
                var inputs = links.Select(link => new Limber.Web.Coaching.DashboardClientInput(link, shares, DateTimeOffset.UtcNow,
                    data.Profiles.GetValueOrDefault(link.PersonId), data.Programs.GetValueOrDefault(link.PersonId),
                    [.. data.SessionDays.Where(x => x.PersonId == link.PersonId)], null,
                    [.. data.DoseSessions.Where(x => x.PersonId == link.PersonId)], [.. data.Stops.Where(x => x.PersonId == link.PersonId)],
                    [.. data.CheckIns.Where(x => x.PersonId == link.PersonId)], [.. data.Activities.Where(x => x.PersonId == link.PersonId)],
                    data.LatestScreens.GetValueOrDefault(link.PersonId), null, Limber.Domain.Safety.ProgressionSettings.Default)).ToList();
                for (var pass = 0; pass < 3; pass++)
                {
                    foreach (var w in Limber.Web.Coaching.CoachDashboard.Tmp) { w.Reset(); }
                    var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                    clock.Restart();
                    for (var r = 0; r < 5; r++)
                    {
                        foreach (var input in inputs)
                        {
                            Limber.Web.Coaching.CoachDashboard.Row(input, catalogue);
                        }
                    }
                    output.WriteLine($"compute {name}: {clock.ElapsedMilliseconds / 5.0} ms per 200 (cpu {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 5.0}) parts {string.Join(" ", Limber.Web.Coaching.CoachDashboard.Tmp.Select(w => w.ElapsedMilliseconds / 5.0))}");
                }
            }
        }
        for (var i = 0; i < 8; i++)
        {
            clock.Restart();
            var answer = await coach.Person.GetAsync("/api/v1/coach/clients");
            output.WriteLine($"dashboard {(int)answer.Status} {answer.Json.GetProperty("clients").GetArrayLength()} rows in {clock.ElapsedMilliseconds} ms");
        }
    }
}
