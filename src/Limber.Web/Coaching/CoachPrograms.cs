using Limber.Domain.Catalogue;
using Limber.Domain.Coaching;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Limber.Storage;
using Limber.Web.Planning;

namespace Limber.Web.Coaching;

/// <summary>Where a program shown to a coach comes from.</summary>
public enum CoachProgramSource
{
    /// <summary>A coach's program, which the client follows now.</summary>
    Coach,

    /// <summary>No coach's program: the client's routine as Limber plans it, for a coach to start from.</summary>
    Limber,
}

/// <summary>One exercise of a program as a coach sees it: the coach's prescription and where adaptation has taken its dose.</summary>
/// <param name="Item">The prescription: the coach's, or one made from Limber's plan as a starting point.</param>
/// <param name="Exercise">The catalogue exercise; null when it is no longer in the catalogue.</param>
/// <param name="Current">The client's current dose of it from their feedback; null before any.</param>
public sealed record CoachProgramEntry(Prescription Item, Exercise? Exercise, CurrentDose? Current);

/// <summary>A client's program as a coach sees it.</summary>
/// <param name="SetBy">The name of the coach who set it; null for Limber's plan.</param>
/// <param name="Thresholds">The coach's thresholds for the dose rules; null when the deployment's apply.</param>
/// <param name="Message">Why there is nothing to start from, when there is not.</param>
public sealed record CoachProgramView(
    CoachProgramSource Source, string Name, string? SetBy, DateTimeOffset? UpdatedAt, IReadOnlyList<CoachProgramEntry> Items,
    ProgressionSettings? Thresholds, string? Message);

/// <summary>What a client reads about the coach's program they follow: its name and who set it.</summary>
public sealed record CoachProgramSummary(string Name, string CoachName, DateTimeOffset? UpdatedAt);

/// <summary>
/// A client's program in coaching mode (issue 10, product.md part 9), for the coach's API and builder and for the
/// client's own pages: reading it (the coach's, or Limber's plan as a starting point), setting it, taking it off. Access
/// is checked by the callers through <see cref="CoachAccess"/>; this reads and writes only the client it is given.
/// </summary>
public sealed class CoachPrograms(
    PersonalPlans plans,
    PrescriptionRecords prescriptions,
    DoseRecords doses,
    CoachRecords coaching,
    ProfileRecords profiles,
    ConsentRecords consents,
    ExerciseCatalogue catalogue,
    ProgramTemplates templates,
    ProgressionSettings deployment,
    TimeProvider time)
{
    /// <summary>Rungs above the coach's dose allowed when a program starts from Limber's plan: room to grow, a little at a time.</summary>
    public const int StartingLevelsUp = 2;

    /// <summary>The name a program starting from Limber's plan suggests.</summary>
    public const string StartingName = "Home program";

    /// <summary>What the client's program is called while Limber plans it.</summary>
    public const string LimberPlanName = "Limber's own plan";

    /// <summary>The templates a coach may start from, by name.</summary>
    public ProgramTemplates Templates => templates;

    /// <summary>The deployment's dose-rule thresholds, which a client follows unless their coach set others.</summary>
    public ProgressionSettings DeploymentThresholds => deployment;

    /// <summary>The exercise catalogue programs are made from.</summary>
    public ExerciseCatalogue Catalogue => catalogue;

    /// <summary>
    /// The client's program as their coach sees it: the coach's program when one is set, with each exercise's current dose;
    /// else today's routine as Limber plans it, as a starting point. When Limber plans nothing for the client yet (no
    /// onboarding answers, or routines held back), the list is empty and <see cref="CoachProgramView.Message"/> says so
    /// without saying why: the reasons are the client's to share.
    /// </summary>
    public async Task<CoachProgramView> ViewAsync(Guid clientId, CancellationToken ct = default)
    {
        if (await prescriptions.CurrentAsync(clientId, ct) is { } coach)
        {
            var adaptation = await doses.CurrentAsync(clientId, ct);
            return new CoachProgramView(CoachProgramSource.Coach, coach.Name, await CoachNameAsync(clientId, coach.CoachLinkId, ct), coach.UpdatedAt,
                [.. coach.Items.Select(i => new CoachProgramEntry(i, catalogue.Find(i.ExerciseId), adaptation?.Doses.FirstOrDefault(d => d.ExerciseId == i.ExerciseId)))],
                coach.Thresholds, null);
        }
        var context = await plans.LoadAsync(clientId, ct);
        if (context.Block is null && plans.Routine(context, context.Today).Routine is { } routine)
        {
            var entries = routine.Items
                .Select(i => (Planned: i, Exercise: catalogue.Find(i.ExerciseId)))
                .Where(p => p.Exercise is not null)
                .Select(p => new CoachProgramEntry(Starting(p.Exercise!, p.Planned.Dose), p.Exercise, context.DoseOf(p.Planned.ExerciseId)))
                .Take(CoachProgramRules.MostItems)
                .ToList();
            return new CoachProgramView(CoachProgramSource.Limber, LimberPlanName, null, null, entries, null, null);
        }
        return new CoachProgramView(CoachProgramSource.Limber, LimberPlanName, null, null, [], null,
            "Limber has no routine planned for this client at the moment, so there is nothing of theirs to start from. "
            + "Start from a template or add exercises one by one; the client's routine follows your program once Limber plans routines for them.");
    }

    /// <summary>
    /// Whether a coach's program is saved for the client, its name and who set it, without reading anything else of
    /// theirs: what the builder needs to show around a draft it was posted.
    /// </summary>
    public async Task<(CoachProgramSource Source, string? Name, string? SetBy)> SavedAsync(Guid clientId, CancellationToken ct = default) =>
        await prescriptions.CurrentAsync(clientId, ct) is { } coach
            ? (CoachProgramSource.Coach, coach.Name, await CoachNameAsync(clientId, coach.CoachLinkId, ct))
            : (CoachProgramSource.Limber, null, null);

    /// <summary>
    /// A prescription of the exercise at a planned dose, as a starting point; the catalogue's dose when the planned one is
    /// outside what a coach may set (a routine fitted to the minutes may have trimmed a set a coach could not).
    /// </summary>
    public static Prescription Starting(Exercise exercise, Dose dose, int maxLevelsUp = StartingLevelsUp)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(dose);
        var planned = Prescription.For(exercise, maxLevelsUp, null, dose.HoldSeconds, dose.Reps, dose.Sets, dose.DurationSeconds);
        return planned.Problems(exercise).Count == 0 ? planned : Prescription.For(exercise, maxLevelsUp);
    }

    /// <summary>
    /// Sets the client's program to the coach's in one transaction (the client's log records it), then brings the stored
    /// current doses up to date: the client's routine follows it at once.
    /// </summary>
    public async Task<CoachProgram> SaveAsync(Guid clientId, CoachLink link, CheckedCoachProgram program, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(program);
        var today = PersonalDate.Today(time, (await profiles.FindAsync(clientId, ct))?.Profile.TimeZoneId);
        var saved = await prescriptions.AssignAsync(clientId, link.Id, program.Name, program.Items, program.Thresholds, today, ct);
        await doses.RecomputeAsync(clientId, ct);
        return saved;
    }

    /// <summary>
    /// Takes the coach's program off: the client is back on Limber's own plan. <paramref name="byCoach"/> is the link of
    /// the coach who does it, null when the client does it; the client's log records either. False when there was none.
    /// </summary>
    public async Task<bool> ClearAsync(Guid clientId, CoachLink? byCoach, CancellationToken ct = default)
    {
        if (!await prescriptions.ClearAsync(clientId, byCoach?.Id, ct))
        {
            return false;
        }
        // The stored doses are a replay; without consent nothing is replayed (the next session, which needs it, does).
        if (await consents.CurrentAsync(clientId, Consent.HealthData, ct) is not null)
        {
            await doses.RecomputeAsync(clientId, ct);
        }
        return true;
    }

    /// <summary>The name and coach of the program the client follows; null when Limber plans their routine.</summary>
    public async Task<CoachProgramSummary?> SummaryAsync(Guid clientId, CoachProgram? program, CancellationToken ct = default) =>
        program is null ? null : new CoachProgramSummary(program.Name, await CoachNameAsync(clientId, program.CoachLinkId, ct) ?? "your coach", program.UpdatedAt);

    private async Task<string?> CoachNameAsync(Guid clientId, Guid? linkId, CancellationToken ct) =>
        linkId is { } id ? (await coaching.ClientLinksAsync(clientId, ct)).FirstOrDefault(l => l.Link.Id == id)?.CoachName : null;
}
