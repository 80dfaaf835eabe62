using System.Text.Json;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>A coach's program as the client follows it: its name, exercises in order, thresholds and when it was set.</summary>
public sealed record CoachProgram(
    Guid ProgramId, Guid? CoachLinkId, string Name, IReadOnlyList<Prescription> Items, ProgressionSettings? Thresholds, DateTimeOffset? UpdatedAt);

/// <summary>
/// A coach's program for a client (issue 10): the exercises, doses and notes a coach sets, and their thresholds for
/// the client's dose rules (safety.md section 5, pragmatic). It is kept on the client's active program, so the
/// program's start, and with it the progress charts and the "not improving" watch, carry on as before.
/// </summary>
public sealed class PrescriptionRecords(LimberDbContext db, ExerciseCatalogue catalogue, TimeProvider time)
{
    /// <summary>Audit action when the client goes back to Limber's own plan.</summary>
    public const string ProgramClearedAction = "coach.program-cleared";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The coach's program the client follows now; null when Limber plans the routine itself.</summary>
    public async Task<CoachProgram?> CurrentAsync(Guid personId, CancellationToken ct = default)
    {
        var program = await db.Programs.AsNoTracking()
            .Include(p => p.Prescribed)
            .Where(p => p.PersonId == personId && p.Status == ProgramStatus.Active)
            .OrderByDescending(p => p.StartedOn)
            .FirstOrDefaultAsync(ct);
        return program is null ? null : Of(program, catalogue);
    }

    /// <summary>The coach's program of a program row read with its <see cref="Program.Prescribed"/> rows; null when it has none.</summary>
    public static CoachProgram? Of(Program program, ExerciseCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (program.Prescribed.Count == 0)
        {
            return null;
        }
        var items = program.Prescribed.OrderBy(e => e.Order).Select(e => ToPrescription(e, catalogue)).ToArray();
        return new CoachProgram(program.Id, program.CoachLinkId, program.CoachProgramName ?? "Your coach's program", items,
            ReadThresholds(program.ThresholdsJson), program.CoachUpdatedAt);
    }

    /// <summary>The thresholds stored with a program; null for none (or for a value no longer valid, so the deployment's apply).</summary>
    public static ProgressionSettings? ReadThresholds(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ProgressionSettings>(json, s_json) is { } s && s.Problems().Count == 0 ? s : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sets the client's program to the coach's, in one transaction: starts the client's program when none is active
    /// (on <paramref name="today"/>), replaces its exercises, stores the thresholds and writes the audit event the
    /// client sees. The items and thresholds must have been checked already.
    /// </summary>
    public Task<CoachProgram> AssignAsync(
        Guid clientId, Guid linkId, string name, IReadOnlyList<Prescription> items, ProgressionSettings? thresholds, DateOnly today,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("A coach's program needs at least one exercise.", nameof(items));
        }
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var program = await db.Programs.Include(p => p.Prescribed)
                .Where(p => p.PersonId == clientId && p.Status == ProgramStatus.Active)
                .OrderByDescending(p => p.StartedOn)
                .FirstOrDefaultAsync(ct);
            if (program is null)
            {
                program = new Program
                {
                    Id = Guid.NewGuid(),
                    PersonId = clientId,
                    Name = ProgramRecords.SixWeekProgramName,
                    StartedOn = today,
                    Status = ProgramStatus.Active,
                };
                db.Programs.Add(program);
            }
            else if (program.Prescribed.Count > 0)
            {
                db.ProgramExercises.RemoveRange(program.Prescribed);
                await db.SaveChangesAsync(ct); // the (program, order) index must be free before the new rows go in
                program.Prescribed.Clear();
            }
            var now = StoredTime.Now(time);
            program.CoachLinkId = linkId;
            program.CoachProgramName = name.Trim();
            program.ThresholdsJson = thresholds is null ? null : JsonSerializer.Serialize(thresholds, s_json);
            program.CoachUpdatedAt = now;
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                db.ProgramExercises.Add(new ProgramExercise
                {
                    PersonId = clientId,
                    ProgramId = program.Id,
                    Order = i,
                    ExerciseId = item.ExerciseId,
                    HoldSeconds = item.Dose.HoldSeconds,
                    Reps = item.Dose.Reps,
                    Sets = item.Dose.Sets,
                    DurationSeconds = item.Dose.DurationSeconds,
                    MaxLevelsUp = item.MaxLevelsUp,
                    Note = string.IsNullOrWhiteSpace(item.Note) ? null : item.Note.Trim(),
                });
            }
            db.AuditEvents.Add(AuditEvent.ForCoach(clientId, now, AuditEvent.CoachProgramSet, CoachRecords.Subject(linkId) + "/program"));
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
            return (await CurrentAsync(clientId, ct))!;
        }, ct);
    }

    /// <summary>
    /// The client goes back to Limber's own plan: the coach's exercises and thresholds are taken off. False when there
    /// were none. <paramref name="byCoachLinkId"/> is the link of the coach who takes it off, when a coach does: the
    /// client's log then shows the coach did it; null when the client does it.
    /// </summary>
    public Task<bool> ClearAsync(Guid clientId, Guid? byCoachLinkId = null, CancellationToken ct = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var program = await db.Programs.Include(p => p.Prescribed)
                .Where(p => p.PersonId == clientId && p.Status == ProgramStatus.Active)
                .OrderByDescending(p => p.StartedOn)
                .FirstOrDefaultAsync(ct);
            if (program is null || program.Prescribed.Count == 0)
            {
                return false;
            }
            var link = program.CoachLinkId;
            db.ProgramExercises.RemoveRange(program.Prescribed);
            program.CoachLinkId = null;
            program.CoachProgramName = null;
            program.ThresholdsJson = null;
            program.CoachUpdatedAt = null;
            db.AuditEvents.Add(byCoachLinkId is { } coach
                ? AuditEvent.ForCoach(clientId, StoredTime.Now(time), ProgramClearedAction, CoachRecords.Subject(coach) + "/program")
                : AuditEvent.ForPerson(clientId, StoredTime.Now(time), ProgramClearedAction,
                    link is { } id ? CoachRecords.Subject(id) + "/program" : "program"));
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
            return true;
        }, ct);

    // Sides, directions and rests are the catalogue's; an exercise no longer in it keeps the stored values, and the
    // planner leaves it out with a note.
    private static Prescription ToPrescription(ProgramExercise e, ExerciseCatalogue catalogue) =>
        catalogue.Find(e.ExerciseId) is { } exercise
            ? Prescription.For(exercise, e.MaxLevelsUp, e.Note, e.HoldSeconds, e.Reps, e.Sets, e.DurationSeconds)
            : new(e.ExerciseId, new Dose { HoldSeconds = e.HoldSeconds, Reps = e.Reps, Sets = e.Sets, DurationSeconds = e.DurationSeconds }, e.MaxLevelsUp, e.Note);
}
