using System.Buffers.Text;
using System.Text.Json;
using Limber.Domain.Reminders;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Web.Tests.Reminders;

/// <summary>A server whose dispatcher runs only when a test says so, posting to a local push service.</summary>
internal sealed class DispatchServer : LimberServer
{
    private DispatchServer(string? dataPath, IReadOnlyDictionary<string, string?> settings)
        : base(dataPath, settings)
    {
    }

    public static DispatchServer Start(string? dataPath = null, string? postgres = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Limber:Push:AllowedHosts"] = "127.0.0.1",
            // The background loop stays off: each test runs rounds itself, so what it checks is what it ran.
            ["Limber:Reminders:Dispatch"] = "false",
        };
        if (postgres is not null)
        {
            settings[DatabaseSettings.ProviderKey] = "Postgres";
            settings[DatabaseSettings.ConnectionStringKey] = postgres;
        }
        return new DispatchServer(dataPath, settings);
    }

    public ReminderDispatcher Dispatcher => Services.GetRequiredService<ReminderDispatcher>();

    public async Task<T> WithDbAsync<T>(Func<LimberDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LimberDbContext>());
    }

    public Task WithDbAsync(Func<LimberDbContext, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return 0;
    });

    /// <summary>
    /// People with a device each at <paramref name="push"/>, and <paramref name="perPerson"/> reminders due in the last
    /// minutes (check-in reminders unless told: routine reminders also depend on the warning-sign screen).
    /// </summary>
    public Task<List<Guid>> AddDueAsync(PushEndpoint push, int people, int perPerson, DateTimeOffset now, ReminderKind kind = ReminderKind.CheckIn) =>
        WithDbAsync(async db =>
        {
            var ids = new List<Guid>();
            for (var p = 0; p < people; p++)
            {
                var person = new Person { Id = Guid.NewGuid(), UserName = $"due-{Guid.NewGuid():N}@example.org", Email = $"due-{Guid.NewGuid():N}@example.org", CreatedAt = now };
                db.Users.Add(person);
                var target = push.TargetFor($"/device/{person.Id:N}");
                db.PushDevices.Add(new PushDevice
                {
                    Id = Guid.NewGuid(),
                    PersonId = person.Id,
                    Endpoint = target.Endpoint.ToString(),
                    P256dh = Base64Url.EncodeToString(target.P256dh),
                    Auth = Base64Url.EncodeToString(target.Auth),
                    Label = "Test browser",
                    CreatedAt = now,
                });
                for (var r = 0; r < perPerson; r++)
                {
                    // Distinct seconds in the last minutes: due, and still useful.
                    var due = StoredTime.Normalize(now.AddSeconds(-1 - r));
                    var row = new DueReminder
                    {
                        Id = Guid.NewGuid(),
                        PersonId = person.Id,
                        Kind = kind,
                        DueAt = due,
                        LocalDate = DateOnly.FromDateTime(due.UtcDateTime),
                        LocalTime = TimeOnly.FromDateTime(due.UtcDateTime),
                        State = DueState.Pending,
                        AttemptAfter = due,
                    };
                    db.DueReminders.Add(row);
                    ids.Add(row.Id);
                }
            }
            await db.SaveChangesAsync();
            return ids;
        });

    public Task<List<DueReminder>> DueRowsAsync() => WithDbAsync(db => db.DueReminders.AsNoTracking().ToListAsync());
}

public sealed class DispatcherTests
{
    private static Guid ReminderIdOf(ReceivedPush push)
    {
        using var json = JsonDocument.Parse(push.Payload);
        var tag = json.RootElement.GetProperty("tag").GetString()!;
        return Guid.ParseExact(tag[(tag.LastIndexOf('-') + 1)..], "N");
    }

    [Fact]
    public async Task A_due_reminder_is_pushed_once_encrypted_for_the_device_and_marked_sent()
    {
        await using var push = await PushEndpoint.StartAsync();
        using var server = DispatchServer.Start();
        var ids = await server.AddDueAsync(push, people: 1, perPerson: 1, DateTimeOffset.UtcNow);

        await server.Dispatcher.RunOnceAsync(CancellationToken.None);

        var received = push.Received.ShouldHaveSingleItem();
        ReminderIdOf(received).ShouldBe(ids[0]);
        using (var json = JsonDocument.Parse(received.Payload))
        {
            json.RootElement.GetProperty("url").GetString().ShouldBe("/checkin");
            json.RootElement.GetProperty("title").GetString().ShouldBe("Time to check in");
        }
        // The Topic lets the push service replace a second copy of the same reminder (RFC 8030 section 5.4).
        received.Topic.ShouldBe(Base64Url.EncodeToString(ids[0].ToByteArray()));
        received.Urgency.ShouldBe("high");
        received.Ttl.ShouldBeGreaterThan(0);
        var row = (await server.DueRowsAsync()).ShouldHaveSingleItem();
        row.State.ShouldBe(DueState.Sent);
        row.Attempts.ShouldBe(1);
        row.DeliveredTo.ShouldHaveSingleItem();
        row.ClaimToken.ShouldBeNull();
    }

    [Fact]
    public async Task Another_round_and_a_restart_send_nothing_twice()
    {
        await using var push = await PushEndpoint.StartAsync();
        var data = Directory.CreateTempSubdirectory("limber-dispatch-").FullName;
        try
        {
            using (var first = DispatchServer.Start(data))
            {
                await first.AddDueAsync(push, people: 2, perPerson: 3, DateTimeOffset.UtcNow);
                await first.Dispatcher.RunOnceAsync(CancellationToken.None);
                await first.Dispatcher.RunOnceAsync(CancellationToken.None);
            }
            using (var restarted = DispatchServer.Start(data))
            {
                await restarted.Dispatcher.RunOnceAsync(CancellationToken.None);
                (await restarted.DueRowsAsync()).ShouldAllBe(r => r.State == DueState.Sent);
            }

            push.Received.Count.ShouldBe(6);
            push.Received.Select(ReminderIdOf).Distinct().Count().ShouldBe(6);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Reminders_planned_before_a_restart_are_sent_after_it()
    {
        await using var push = await PushEndpoint.StartAsync();
        var data = Directory.CreateTempSubdirectory("limber-dispatch-").FullName;
        try
        {
            List<Guid> ids;
            using (var first = DispatchServer.Start(data))
            {
                // Due while the app was down: planned, never claimed.
                ids = await first.AddDueAsync(push, people: 1, perPerson: 2, DateTimeOffset.UtcNow);
            }
            using (var restarted = DispatchServer.Start(data))
            {
                await restarted.Dispatcher.RunOnceAsync(CancellationToken.None);
            }

            push.Received.Select(ReminderIdOf).ShouldBe(ids, ignoreOrder: true);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_reminder_held_by_an_instance_that_died_is_sent_once_its_lease_runs_out()
    {
        await using var push = await PushEndpoint.StartAsync();
        using var server = DispatchServer.Start();
        var ids = await server.AddDueAsync(push, people: 1, perPerson: 2, DateTimeOffset.UtcNow);
        await server.WithDbAsync(async db =>
        {
            // One claimed by an instance that is still within its lease, one by an instance whose lease ran out.
            await db.DueReminders.Where(r => r.Id == ids[0]).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, DueState.Sending).SetProperty(r => r.ClaimToken, Guid.NewGuid())
                .SetProperty(r => r.LeaseUntil, DateTimeOffset.UtcNow.AddMinutes(3)));
            await db.DueReminders.Where(r => r.Id == ids[1]).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, DueState.Sending).SetProperty(r => r.ClaimToken, Guid.NewGuid())
                .SetProperty(r => r.LeaseUntil, DateTimeOffset.UtcNow.AddMinutes(-1)));
        });

        await server.Dispatcher.RunOnceAsync(CancellationToken.None);

        push.Received.Select(ReminderIdOf).ShouldBe([ids[1]]);
        var rows = await server.DueRowsAsync();
        rows.Single(r => r.Id == ids[0]).State.ShouldBe(DueState.Sending);
        rows.Single(r => r.Id == ids[1]).State.ShouldBe(DueState.Sent);
    }

    [Fact]
    public async Task A_push_service_that_asks_to_wait_gets_the_reminder_again_and_it_arrives_once()
    {
        await using var push = await PushEndpoint.StartAsync();
        using var server = DispatchServer.Start();
        var ids = await server.AddDueAsync(push, people: 1, perPerson: 1, DateTimeOffset.UtcNow);
        var device = (await server.WithDbAsync(db => db.PushDevices.AsNoTracking().SingleAsync())).Endpoint;
        // 503 with Retry-After 0, once: the dispatcher puts it back and the same round takes it again.
        push.RespondTo(new Uri(device).AbsolutePath, 503, retryAfter: "0", times: 1);

        await server.Dispatcher.RunOnceAsync(CancellationToken.None);

        push.Received.Select(ReminderIdOf).ShouldBe(ids);
        var row = (await server.DueRowsAsync()).ShouldHaveSingleItem();
        row.State.ShouldBe(DueState.Sent);
        row.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task A_subscription_the_push_service_says_is_gone_is_removed_and_the_reminder_has_no_device()
    {
        await using var push = await PushEndpoint.StartAsync();
        using var server = DispatchServer.Start();
        await server.AddDueAsync(push, people: 1, perPerson: 1, DateTimeOffset.UtcNow);
        var device = (await server.WithDbAsync(db => db.PushDevices.AsNoTracking().SingleAsync())).Endpoint;
        push.RespondTo(new Uri(device).AbsolutePath, 410);

        await server.Dispatcher.RunOnceAsync(CancellationToken.None);

        (await server.WithDbAsync(db => db.PushDevices.CountAsync())).ShouldBe(0);
        (await server.DueRowsAsync()).ShouldHaveSingleItem().State.ShouldBe(DueState.NoDevice);
    }

    [Fact]
    public async Task A_routine_reminder_is_held_until_the_warning_sign_questions_allow_routines_then_sent_to_open_the_player()
    {
        await using var push = await PushEndpoint.StartAsync();
        using var server = DispatchServer.Start();
        var held = await server.AddDueAsync(push, people: 1, perPerson: 1, DateTimeOffset.UtcNow, ReminderKind.Routine);

        // No screen yet: routines wait for the first one (safety.md section 3), so no nudge towards one either.
        await server.Dispatcher.RunOnceAsync(CancellationToken.None);
        push.Received.ShouldBeEmpty();
        (await server.DueRowsAsync()).ShouldHaveSingleItem().State.ShouldBe(DueState.Held);

        var person = await server.WithDbAsync(db => db.Users.Select(u => u.Id).SingleAsync());
        var answers = WarningSignScreen.Items.ToDictionary(i => i.Id, i => (string?)"no");
        var screen = WarningSignScreen.Validate(41, false, answers).Screen!;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ScreenRecords>().StoreAsync(person, screen, WarningSignScreen.Judge(screen));
        }
        var sent = await server.WithDbAsync(async db =>
        {
            var row = new DueReminder
            {
                Id = Guid.NewGuid(), PersonId = person, Kind = ReminderKind.Routine, DueAt = StoredTime.Now(TimeProvider.System),
                LocalDate = DateOnly.FromDateTime(DateTime.UtcNow), LocalTime = TimeOnly.FromDateTime(DateTime.UtcNow),
                State = DueState.Pending, AttemptAfter = StoredTime.Now(TimeProvider.System),
            };
            db.DueReminders.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        await server.Dispatcher.RunOnceAsync(CancellationToken.None);

        var received = push.Received.ShouldHaveSingleItem();
        ReminderIdOf(received).ShouldBe(sent);
        received.Text.ShouldContain("\"url\":\"/today/play\"");
        (await server.DueRowsAsync()).Single(r => r.Id == held[0]).State.ShouldBe(DueState.Held);
    }

    [Fact]
    public async Task A_reminder_found_too_late_is_recorded_as_missed_and_not_sent()
    {
        await using var push = await PushEndpoint.StartAsync();
        using var server = DispatchServer.Start();
        // A desk break stays useful for 15 minutes; this one was due 40 minutes ago (the app was down).
        await server.AddDueAsync(push, people: 1, perPerson: 1, DateTimeOffset.UtcNow.AddMinutes(-40), ReminderKind.DeskBreak);

        await server.Dispatcher.RunOnceAsync(CancellationToken.None);

        push.Received.ShouldBeEmpty();
        var row = (await server.DueRowsAsync()).ShouldHaveSingleItem();
        row.State.ShouldBe(DueState.Missed);
        row.Outcome.ShouldNotBeNull().ShouldContain("late");
    }

    [Fact]
    public async Task Saved_settings_are_planned_ahead_and_a_round_leaves_future_reminders_waiting()
    {
        await using var push = await PushEndpoint.StartAsync();
        using var server = DispatchServer.Start();
        await server.AddDueAsync(push, people: 1, perPerson: 0, DateTimeOffset.UtcNow);
        var personId = await server.WithDbAsync(db => db.Users.Select(u => u.Id).SingleAsync());
        var settings = ReminderSettings.None(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")) with
        {
            Daily = [new DailyReminder(new TimeOnly(7, 30), ReminderKind.Routine), new DailyReminder(new TimeOnly(20, 0), ReminderKind.CheckIn)],
        };
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReminderRecords>().SaveAsync(personId, settings);
        }

        await server.Dispatcher.RunOnceAsync(CancellationToken.None);

        var rows = await server.DueRowsAsync();
        // Two days ahead: four reminders, all still to come.
        rows.Count.ShouldBe(4);
        rows.ShouldAllBe(r => r.State == DueState.Pending && r.DueAt > DateTimeOffset.UtcNow);
        push.Received.ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_app_instances_on_one_PostgreSQL_deliver_each_of_500_due_reminders_exactly_once()
    {
        await using var database = await ScratchPostgres.CreateAsync("limber_dispatch");
        if (database is null)
        {
            return;
        }
        var connection = database.ConnectionString;
        await using var push = await PushEndpoint.StartAsync();
        using var one = DispatchServer.Start(postgres: connection);
        using var two = DispatchServer.Start(postgres: connection);
        var ids = await one.AddDueAsync(push, people: 50, perPerson: 10, DateTimeOffset.UtcNow);

        // Both instances dispatch at the same moment, each until nothing is left for it to claim.
        var rounds = await Task.WhenAll(
            Task.Run(() => one.Dispatcher.RunOnceAsync(CancellationToken.None)),
            Task.Run(() => two.Dispatcher.RunOnceAsync(CancellationToken.None)));

        rounds.Sum().ShouldBe(500);
        push.Received.Count.ShouldBe(500);
        push.Received.Select(ReminderIdOf).ShouldBe(ids, ignoreOrder: true);
        (await one.DueRowsAsync()).ShouldAllBe(r => r.State == DueState.Sent && r.Attempts == 1);
    }
}
