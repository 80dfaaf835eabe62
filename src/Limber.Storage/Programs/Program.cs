using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

public enum ProgramStatus
{
    Active,
    Paused,
    Completed,
    Stopped,
}

/// <summary>A person's program: the six-week progression the planner made, as started.</summary>
public sealed class Program : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public required string Name { get; set; }
    public DateOnly StartedOn { get; set; }
    public ProgramStatus Status { get; set; }
    public List<Routine> Routines { get; set; } = [];

    /// <summary>
    /// The coach's exercises, in the coach's order, while a coach's program is followed; empty when Limber plans the
    /// routine itself. The program's start (and so the progress and "not improving" watches) stays as it was.
    /// </summary>
    public List<ProgramExercise> Prescribed { get; set; } = [];

    /// <summary>The link of the coach who set <see cref="Prescribed"/>; not a key, so it outlives the link.</summary>
    public Guid? CoachLinkId { get; set; }

    /// <summary>The coach's name for the program ("Desk worker"), while it is a coach's.</summary>
    public string? CoachProgramName { get; set; }

    /// <summary>
    /// The coach's thresholds for this client's dose rules (safety.md section 5, pragmatic), as the JSON of the
    /// domain's progression settings; null for the deployment's.
    /// </summary>
    public string? ThresholdsJson { get; set; }

    public DateTimeOffset? CoachUpdatedAt { get; set; }
}

public enum RoutineKind
{
    Daily,
    DeskBreak,
}

/// <summary>A routine of a program at one stage of its progression, with its current doses.</summary>
public sealed class Routine : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid ProgramId { get; set; }
    public RoutineKind Kind { get; set; }

    /// <summary>The progression stage, from 1.</summary>
    public int Stage { get; set; }

    public List<RoutineItem> Items { get; set; } = [];
}

/// <summary>
/// One exercise of a routine and its current dose (adapted by the progression rules of
/// safety.md section 5). The exercise is a catalogue id, not a foreign key: the catalogue is data.
/// </summary>
public sealed class RoutineItem : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid RoutineId { get; set; }
    public required string ExerciseId { get; set; }

    /// <summary>Position in the routine, from 0.</summary>
    public int Order { get; set; }

    public int? HoldSeconds { get; set; }
    public int? Reps { get; set; }
    public int Sets { get; set; }
    public bool PerSide { get; set; }
    public int? DurationSeconds { get; set; }
    public int? RestSeconds { get; set; }

    /// <summary>When this is an easier or harder variant: the catalogue id it stands in for.</summary>
    public string? VariantOf { get; set; }

    /// <summary>Rungs above (or, after a regression, below) the exercise's starting dose on its dose ladder.</summary>
    public int Level { get; set; }

    /// <summary>The person's date the dose last changed; null while it is the starting dose.</summary>
    public DateOnly? ChangedOn { get; set; }

    /// <summary>The progression rule (safety.md section 5) behind the latest decision, e.g. progress.two_easy_sessions.</summary>
    public string? RuleId { get; set; }

    /// <summary>The latest decision in plain words, as shown to the person.</summary>
    public string? Reason { get; set; }
}

internal sealed class ProgramConfiguration : IEntityTypeConfiguration<Program>
{
    public void Configure(EntityTypeBuilder<Program> entity)
    {
        entity.OwnedByPerson(p => p.StartedOn);
        entity.Property(p => p.Name).HasMaxLength(120);
        entity.StoredByName(p => p.Status);
        entity.Property(p => p.CoachProgramName).HasMaxLength(120);
        entity.Property(p => p.ThresholdsJson).HasMaxLength(2000);
    }
}

internal sealed class RoutineConfiguration : IEntityTypeConfiguration<Routine>
{
    public void Configure(EntityTypeBuilder<Routine> entity)
    {
        entity.OwnedByPerson();
        entity.ChildOf<Routine, Program>(r => r.ProgramId, p => p.Routines);
        entity.StoredByName(r => r.Kind);
        entity.Within(nameof(Routine.Stage), 1, 100);
    }
}

internal sealed class RoutineItemConfiguration : IEntityTypeConfiguration<RoutineItem>
{
    public void Configure(EntityTypeBuilder<RoutineItem> entity)
    {
        entity.OwnedByPerson();
        entity.ChildOf<RoutineItem, Routine>(i => i.RoutineId, r => r.Items);
        entity.HasIndex(i => new { i.RoutineId, i.Order }).IsUnique();
        entity.Property(i => i.ExerciseId).HasMaxLength(ModelRules.IdLength);
        entity.Property(i => i.VariantOf).HasMaxLength(ModelRules.IdLength);
        entity.Within(nameof(RoutineItem.Order), 0, 1000);
        entity.Within(nameof(RoutineItem.Sets), 1, 100);
        entity.Within(nameof(RoutineItem.HoldSeconds), 0, 3600);
        entity.Within(nameof(RoutineItem.Reps), 0, 1000);
        entity.Within(nameof(RoutineItem.DurationSeconds), 0, 3600);
        entity.Within(nameof(RoutineItem.RestSeconds), 0, 3600);
        entity.Within(nameof(RoutineItem.Level), -100, 100);
        entity.Property(i => i.RuleId).HasMaxLength(64);
        entity.Property(i => i.Reason).HasMaxLength(1000);
    }
}
