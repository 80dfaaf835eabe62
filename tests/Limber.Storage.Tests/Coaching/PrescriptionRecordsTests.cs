using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Limber.Domain.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Limber.Storage.Tests.Coaching;

/// <summary>
/// A coach's program on the client's active program, on both databases: assigned in one go (exercises in order, doses,
/// limits, notes, thresholds and the audit event), replaced whole, taken off, and the program's start (from which the
/// progress charts and the "not improving" watch count) never moved by any of it.
/// </summary>
public sealed class PrescriptionRecordsTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private static readonly ExerciseCatalogue Catalogue = RepositoryFiles.Catalogue;

    private static readonly DateOnly Started = DateOnly.FromDateTime(Samples.Now.UtcDateTime).AddDays(-21);

    private static PrescriptionRecords Records(AsyncServiceScope scope, TimeProvider clock) => new(scope.Db(), Catalogue, clock);

    private static Prescription Item(string id, int levels = 2, string? note = null, int? reps = null, int? hold = null) =>
        Prescription.For(Catalogue.Find(id)!, levels, note, holdSeconds: hold, reps: reps);

    private static readonly IReadOnlyList<Prescription> First =
    [
        Item("seated-cat-cow", 1, "Small and slow is fine.", reps: 8),
        Item("standing-hip-flexor-stretch", 2, "Tuck your tailbone under.", hold: 25),
        Item("sit-to-stand", 3, reps: 6),
    ];

    private static readonly IReadOnlyList<Prescription> Second =
    [
        Item("sit-to-stand", 4, "Hands on your knees if you need them.", reps: 7),
        Item("seated-rotation", 0),
    ];

    /// <summary>A person with an active program started three weeks ago, as onboarding leaves it.</summary>
    private static async Task<Guid> PersonWithProgramAsync(ServiceProvider node)
    {
        var person = await node.SavedPersonAsync();
        await using var scope = node.CreateAsyncScope();
        scope.Db().Programs.Add(new Program
        {
            Id = Guid.NewGuid(), PersonId = person, Name = ProgramRecords.SixWeekProgramName, StartedOn = Started, Status = ProgramStatus.Active,
        });
        await scope.Db().SaveChangesAsync();
        return person;
    }

    private static async Task<T> WithAsync<T>(ServiceProvider node, Func<PrescriptionRecords, Task<T>> work)
    {
        await using var scope = node.CreateAsyncScope();
        return await work(Records(scope, new MovingClock(Samples.Now)));
    }

    private static async Task<List<Program>> ProgramsAsync(ServiceProvider node, Guid person)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.Db().Programs.AsNoTracking().Include(p => p.Prescribed).Where(p => p.PersonId == person).ToListAsync();
    }

    private static async Task<List<AuditEvent>> EventsAsync(ServiceProvider node, Guid person)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.Db().AuditEvents.AsNoTracking().Where(e => e.PersonId == person).OrderBy(e => e.At).ThenBy(e => e.Action).ToListAsync();
    }

    private static void ShouldMatch(CoachProgram program, IReadOnlyList<Prescription> items)
    {
        program.Items.Select(i => i.ExerciseId).ShouldBe(items.Select(i => i.ExerciseId));
        for (var i = 0; i < items.Count; i++)
        {
            program.Items[i].ShouldBe(items[i], $"item {i}");
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task A_program_assigned_reads_back_in_order_with_its_doses_limits_notes_and_thresholds(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await PersonWithProgramAsync(node);
        var link = Guid.NewGuid();
        var thresholds = ProgressionSettings.Default with { RegressWorstPainAbove = 4, ReviewWeeklyPainRise = 1.5 };

        var assigned = await WithAsync(node, r => r.AssignAsync(person, link, "  Desk reset  ", First, thresholds, DateOnly.FromDateTime(Samples.Now.UtcDateTime)));

        assigned.Name.ShouldBe("Desk reset");
        ShouldMatch(assigned, First);
        var read = (await WithAsync(node, r => r.CurrentAsync(person))).ShouldNotBeNull();
        read.Name.ShouldBe("Desk reset");
        read.CoachLinkId.ShouldBe(link);
        read.Thresholds.ShouldBe(thresholds);
        read.UpdatedAt.ShouldNotBeNull().ShouldBe(Samples.Now, tolerance: TimeSpan.FromMilliseconds(1));
        ShouldMatch(read, First);
        read.Items[0].Dose.Reps.ShouldBe(8);
        read.Items[1].Dose.HoldSeconds.ShouldBe(25);
        read.Items[1].Dose.PerSide.ShouldBeTrue("sides come from the catalogue");

        var programs = await ProgramsAsync(node, person);
        programs.ShouldHaveSingleItem().StartedOn.ShouldBe(Started, "the program's start stays where onboarding put it");
        var set = (await EventsAsync(node, person)).ShouldHaveSingleItem();
        set.Action.ShouldBe(AuditEvent.CoachProgramSet);
        set.ActorKind.ShouldBe(AuditActorKind.Coach);
        set.SubjectRef.ShouldBe(CoachRecords.Subject(link) + "/program");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Assigning_again_replaces_the_whole_list_and_keeps_the_program_start(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await PersonWithProgramAsync(node);
        var today = DateOnly.FromDateTime(Samples.Now.UtcDateTime);
        await WithAsync(node, r => r.AssignAsync(person, Guid.NewGuid(), "Desk reset", First, null, today));

        var replaced = await WithAsync(node, r => r.AssignAsync(person, Guid.NewGuid(), "Week 2", Second, null, today));

        replaced.Name.ShouldBe("Week 2");
        replaced.Thresholds.ShouldBeNull();
        ShouldMatch(replaced, Second);
        var program = (await ProgramsAsync(node, person)).ShouldHaveSingleItem();
        program.StartedOn.ShouldBe(Started);
        program.Prescribed.OrderBy(e => e.Order).Select(e => (e.Order, e.ExerciseId)).ShouldBe([(0, "sit-to-stand"), (1, "seated-rotation")]);
        (await EventsAsync(node, person)).Count(e => e.Action == AuditEvent.CoachProgramSet).ShouldBe(2);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Without_an_active_program_assigning_starts_one_on_the_day_given(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await node.SavedPersonAsync();
        var today = new DateOnly(2026, 3, 2);

        await WithAsync(node, r => r.AssignAsync(person, Guid.NewGuid(), "Desk reset", First, null, today));

        var program = (await ProgramsAsync(node, person)).ShouldHaveSingleItem();
        program.StartedOn.ShouldBe(today);
        program.Status.ShouldBe(ProgramStatus.Active);
        program.Prescribed.Count.ShouldBe(First.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [PostgresData]
    public async Task Clearing_takes_the_coach_s_program_off_keeps_the_program_and_says_who_did_it(DatabaseProvider provider)
    {
        await using var node = await databases.MigratedNodeAsync(provider);
        var person = await PersonWithProgramAsync(node);
        var link = Guid.NewGuid();
        var today = DateOnly.FromDateTime(Samples.Now.UtcDateTime);
        await WithAsync(node, r => r.AssignAsync(person, link, "Desk reset", First, ProgressionSettings.Default with { RegressSessions = 3 }, today));

        (await WithAsync(node, r => r.ClearAsync(person))).ShouldBeTrue();

        (await WithAsync(node, r => r.CurrentAsync(person))).ShouldBeNull();
        var program = (await ProgramsAsync(node, person)).ShouldHaveSingleItem();
        program.StartedOn.ShouldBe(Started);
        program.Status.ShouldBe(ProgramStatus.Active);
        program.Prescribed.ShouldBeEmpty();
        (program.CoachLinkId, program.CoachProgramName, program.ThresholdsJson, program.CoachUpdatedAt).ShouldBe((null, null, null, null));
        (await WithAsync(node, r => r.ClearAsync(person))).ShouldBeFalse("nothing left to take off");
        var cleared = (await EventsAsync(node, person)).Single(e => e.Action == PrescriptionRecords.ProgramClearedAction);
        cleared.ActorKind.ShouldBe(AuditActorKind.Person);
        cleared.SubjectRef.ShouldBe(CoachRecords.Subject(link) + "/program");

        // Taken off by a coach: the client's log says a coach did it, through which link.
        var coachLink = Guid.NewGuid();
        await WithAsync(node, r => r.AssignAsync(person, link, "Desk reset", First, null, today));
        (await WithAsync(node, r => r.ClearAsync(person, coachLink))).ShouldBeTrue();
        var byCoach = (await EventsAsync(node, person)).Where(e => e.Action == PrescriptionRecords.ProgramClearedAction).ToList();
        byCoach.Count.ShouldBe(2);
        byCoach.ShouldContain(e => e.ActorKind == AuditActorKind.Coach && e.SubjectRef == CoachRecords.Subject(coachLink) + "/program");
    }

    [Fact]
    public void Stored_thresholds_that_are_no_longer_valid_read_as_none_so_the_deployment_s_apply()
    {
        PrescriptionRecords.ReadThresholds(null).ShouldBeNull();
        PrescriptionRecords.ReadThresholds("not json").ShouldBeNull();
        PrescriptionRecords.ReadThresholds("{\"regressWorstPainAbove\": 9}").ShouldBeNull("looser than the stop rule");
        PrescriptionRecords.ReadThresholds("{\"regressWorstPainAbove\": 4}").ShouldNotBeNull().RegressWorstPainAbove.ShouldBe(4);
    }
}
