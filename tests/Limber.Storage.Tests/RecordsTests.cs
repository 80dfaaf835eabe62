using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests;

/// <summary>Consents and stored screens as the web layer writes them, on both databases.</summary>
public sealed class RecordsTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private static CompleteScreen Complete(string? yesItem = null)
    {
        var answers = WarningSignScreen.Items.ToDictionary(i => i.Id, i => (string?)(i.Id == yesItem ? "yes" : "no"));
        return WarningSignScreen.Validate(41, false, answers).Screen!;
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Giving_consent_twice_keeps_one_row_and_withdrawing_closes_it_with_audit_events(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();

        await using (var scope = node.CreateAsyncScope())
        {
            var consents = scope.ServiceProvider.GetRequiredService<ConsentRecords>();
            var first = await consents.GiveAsync(person, Consent.HealthData, "v1");
            var again = await consents.GiveAsync(person, Consent.HealthData, "v1");
            again.Id.ShouldBe(first.Id);
            (await consents.CurrentAsync(person, Consent.HealthData)).ShouldNotBeNull();

            (await consents.WithdrawAsync(person, Consent.HealthData)).ShouldBeTrue();
            (await consents.WithdrawAsync(person, Consent.HealthData)).ShouldBeFalse();
            (await consents.CurrentAsync(person, Consent.HealthData)).ShouldBeNull();
            (await consents.HistoryAsync(person)).Count.ShouldBe(1);
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var actions = await scope.Db().AuditEvents.Where(e => e.PersonId == person).Select(e => e.Action).ToListAsync();
            actions.Order(StringComparer.Ordinal).ShouldBe([AuditEvent.ConsentGiven, AuditEvent.ConsentWithdrawn]);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_new_wording_closes_the_old_consent_and_opens_a_new_one(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        await using var scope = node.CreateAsyncScope();
        var consents = scope.ServiceProvider.GetRequiredService<ConsentRecords>();

        await consents.GiveAsync(person, Consent.HealthData, "v1");
        await consents.GiveAsync(person, Consent.HealthData, "v2");

        (await consents.CurrentAsync(person, Consent.HealthData))!.Version.ShouldBe("v2");
        var history = await consents.HistoryAsync(person);
        history.Count.ShouldBe(2);
        history.Single(c => c.Version == "v1").WithdrawnAt.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_stored_screen_reads_back_as_judged_with_every_answer(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var screen = Complete("cancer_history");
        var result = WarningSignScreen.Judge(screen);

        await using (var scope = node.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ScreenRecords>().StoreAsync(person, screen, result);
        }

        await using (var scope = node.CreateAsyncScope())
        {
            var stored = (await scope.ServiceProvider.GetRequiredService<ScreenRecords>().ListAsync(person)).ShouldHaveSingleItem();
            stored.Screen.Disposition.ShouldBe(Disposition.Urgent);
            stored.Screen.RulesVersion.ShouldBe(WarningSignScreen.RulesVersion);
            stored.Screen.Answers.Count.ShouldBe(WarningSignScreen.Items.Count);
            stored.Reasons.ShouldBe(result.Reasons);
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Reports_during_sessions_are_judged_by_the_stop_rules_counting_sharp_pains_over_7_days(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var other = await node.SavedPersonAsync();
        await using var scope = node.CreateAsyncScope();
        var screens = scope.ServiceProvider.GetRequiredService<ScreenRecords>();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionRecords>();
        var none = Complete();
        await screens.StoreAsync(person, none, WarningSignScreen.Judge(none));
        var t0 = DateTimeOffset.UtcNow.AddMinutes(1);
        var day = DateOnly.FromDateTime(t0.UtcDateTime);

        Task<SessionStoreResult> Store(Guid who, string key, DateTimeOffset at, params NewSessionStop[] stops) =>
            sessions.StoreAsync(who, key, new NewSession(day, at, null, null, null, [new NewExerciseLog("cat-cow", false, null, null)], stops));
        NewSessionStop Sharp(DateTimeOffset at) => new("cat-cow", SessionSymptom.SharpPain, null, at);

        // Another person's sharp pain counts for nobody else.
        (await Store(other, "other", t0, Sharp(t0))).Session!.Stops.Single().RuleId.ShouldBe(StopRules.SharpPainRule);
        var first = await Store(person, "s1", t0, Sharp(t0), new NewSessionStop("cat-cow", SessionSymptom.PainDuringExercise, 4, t0.AddSeconds(5)));
        first.Session!.Stops.OrderBy(s => s.At).Select(s => (s.RuleId, s.Action, s.Raises)).ShouldBe([
            (StopRules.SharpPainRule, StopAction.StopExerciseOfferEasierOrSkip, Disposition.None),
            (StopRules.Pain3To5Rule, StopAction.ContinueAskAtCheckIn, Disposition.None),
        ]);
        (await screens.GateAsync(person)).Access.ShouldBe(RoutineAccess.Continue);
        (await sessions.SharpPainsBeforeAsync(person, t0.AddDays(1))).ShouldBe(1);
        (await sessions.SharpPainsBeforeAsync(person, t0.AddDays(8))).ShouldBe(0, "older than 7 days");

        // A second within 7 days gives routine, and the gate turns to gentle options first.
        var second = await Store(person, "s2", t0.AddDays(6), Sharp(t0.AddDays(6)));
        var stop = second.Session!.Stops.Single();
        (stop.RuleId, stop.Raises).ShouldBe((StopRules.SharpPainTwiceRule, Disposition.Routine));
        var gentle = await screens.GateAsync(person);
        gentle.Access.ShouldBe(RoutineAccess.GentleOptionsFirst);
        gentle.RuleId.ShouldBe(StopRules.SharpPainTwiceRule);
        gentle.Reason.ShouldContain("You reported sharp, stabbing or electric pain during a session");
        (await screens.GateAsync(other)).Access.ShouldBe(RoutineAccess.PausedUntilSeen, "the other person has never been screened");

        // Two in one session count as two; a third 8 days after the second starts over.
        var both = await Store(person, "s3", t0.AddDays(20), Sharp(t0.AddDays(20)), Sharp(t0.AddDays(20).AddMinutes(2)));
        both.Session!.Stops.OrderBy(s => s.At).Select(s => s.RuleId).ShouldBe([StopRules.SharpPainRule, StopRules.SharpPainTwiceRule]);

        (await sessions.LatestStopAsync(person, StopAction.StopSessionAndRunEmergencyItems)).ShouldBeNull();
        await Store(person, "s4", t0.AddDays(21), new NewSessionStop(null, SessionSymptom.ChestPainFaintingOrBreathless, null, t0.AddDays(21)));
        (await sessions.LatestStopAsync(person, StopAction.StopSessionAndRunEmergencyItems)).ShouldBe(StoredTime.Normalize(t0.AddDays(21)));
        (await sessions.LatestStopAsync(other, StopAction.StopSessionAndRunEmergencyItems)).ShouldBeNull();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_weekly_recheck_keeps_gentle_options_first_until_a_full_screen_says_otherwise(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        await using var scope = node.CreateAsyncScope();
        var screens = scope.ServiceProvider.GetRequiredService<ScreenRecords>();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionRecords>();

        var routine = Complete("pain_below_knee");
        await screens.StoreAsync(person, routine, WarningSignScreen.Judge(routine));
        (await screens.GateAsync(person)).Access.ShouldBe(RoutineAccess.GentleOptionsFirst);
        // The recheck asks only the emergency items: it cannot say the pain below the knee has gone.
        var recheck = Complete();
        await screens.StoreAsync(person, recheck, WarningSignScreen.Judge(recheck), ScreenKind.EmergencyRecheck);
        (await screens.GateAsync(person)).Access.ShouldBe(RoutineAccess.GentleOptionsFirst);
        var none = Complete();
        await screens.StoreAsync(person, none, WarningSignScreen.Judge(none));
        (await screens.GateAsync(person)).Access.ShouldBe(RoutineAccess.Continue);

        // The same for a report from a session that gave routine: it holds through the next recheck, reason and all.
        var other = await node.SavedPersonAsync();
        var clock = new MovingClock(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero));
        var timed = new ScreenRecords(scope.Db(), clock);
        await timed.StoreAsync(other, none, WarningSignScreen.Judge(none));
        var at = clock.GetUtcNow().AddHours(1);
        await sessions.StoreAsync(other, "numb", new NewSession(DateOnly.FromDateTime(at.UtcDateTime), at, null, null, null,
            [new NewExerciseLog("cat-cow", false, null, null)], [new NewSessionStop("cat-cow", SessionSymptom.NumbnessOneLeg, null, at)]));
        clock.Advance(TimeSpan.FromDays(7));
        await timed.StoreAsync(other, recheck, WarningSignScreen.Judge(recheck), ScreenKind.EmergencyRecheck);
        var gate = await timed.GateAsync(other);
        gate.Access.ShouldBe(RoutineAccess.GentleOptionsFirst);
        gate.RuleId.ShouldBe(StopRules.NumbnessOneLegRule);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task The_gate_follows_screens_and_confirmations_and_another_person_s_screen_cannot_be_confirmed(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var other = await node.SavedPersonAsync();
        await using var scope = node.CreateAsyncScope();
        var records = scope.ServiceProvider.GetRequiredService<ScreenRecords>();

        (await records.GateAsync(person)).RoutinesAllowed.ShouldBeFalse();
        var emergency = Complete("major_trauma");
        var stored = await records.StoreAsync(person, emergency, WarningSignScreen.Judge(emergency));
        (await records.GateAsync(person)).Access.ShouldBe(RoutineAccess.LockedUntilCleared);

        var (_, refused) = await records.ConfirmAsync(other, stored.Screen.Id, ReferralConfirmationKind.ClearedToExercise, null);
        refused.ShouldBe(ConfirmationRefusal.NoSuchScreen);
        (await records.GateAsync(person)).Access.ShouldBe(RoutineAccess.LockedUntilCleared);

        await records.ConfirmAsync(person, stored.Screen.Id, ReferralConfirmationKind.Seen, "seen at A&E");
        (await records.GateAsync(person)).Access.ShouldBe(RoutineAccess.LockedUntilCleared);
        await records.ConfirmAsync(person, stored.Screen.Id, ReferralConfirmationKind.ClearedToExercise, null);
        (await records.GateAsync(person)).Access.ShouldBe(RoutineAccess.GentleOptionsFirst);

        var none = Complete();
        var clear = await records.StoreAsync(person, none, WarningSignScreen.Judge(none));
        (await records.ConfirmAsync(person, clear.Screen.Id, ReferralConfirmationKind.Seen, null)).Refusal.ShouldBe(ConfirmationRefusal.NotNeeded);
        (await records.GateAsync(person)).Access.ShouldBe(RoutineAccess.Continue);
        (await records.FindAsync(other, stored.Screen.Id)).ShouldBeNull();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task An_export_with_audit_includes_its_own_event(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        await using var scope = node.CreateAsyncScope();

        var export = await scope.ServiceProvider.GetRequiredService<PersonData>().ExportWithAuditAsync(person);

        export.ShouldNotBeNull().AuditEvents.ShouldHaveSingleItem().Action.ShouldBe(AuditEvent.DataExported);
        (await scope.ServiceProvider.GetRequiredService<PersonData>().ExportWithAuditAsync(Guid.NewGuid())).ShouldBeNull();
    }
}
