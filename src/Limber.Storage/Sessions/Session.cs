using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

/// <summary>
/// A session the person did. The player runs offline and syncs later: the client names each
/// session, and that name is unique per person, so a sync sent twice stores it once.
/// </summary>
public sealed class Session : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>The routine it followed; kept empty when that program is deleted, so the history stays.</summary>
    public Guid? RoutineId { get; set; }

    /// <summary>The person's own date of the session, which the next-morning check-in follows.</summary>
    public DateOnly Date { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The id the offline client gave the session: the key that makes syncing idempotent.</summary>
    public required string ClientSessionId { get; set; }

    /// <summary>Pain just before the session, 0-10: the session's baseline for the progression rules.</summary>
    public int? PainBefore { get; set; }

    /// <summary>The worst pain of the whole session, 0-10.</summary>
    public int? WorstPain { get; set; }

    public List<ExerciseLog> Exercises { get; set; } = [];

    /// <summary>What the person reported during the session ("this hurts") and what the stop rules made of it.</summary>
    public List<SessionStop> Stops { get; set; } = [];
}

/// <summary>How one exercise of a session went, with the feedback the progression rules read.</summary>
public sealed class ExerciseLog : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid SessionId { get; set; }
    public required string ExerciseId { get; set; }
    public bool Completed { get; set; }

    /// <summary>Worst pain during the exercise, 0-10, when asked.</summary>
    public int? WorstPain { get; set; }

    /// <summary>tooEasy, aboutRight, tooHard or hurt (safety.md section 5); the player's vocabulary.</summary>
    public string? Feedback { get; set; }
}

/// <summary>
/// One report made during a session (safety.md section 4) and the stop rule that answered it, kept so that a sharp pain
/// twice in 7 days gives `routine`, a stop that asked the emergency items makes them due, and regressions follow.
/// </summary>
public sealed class SessionStop : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid SessionId { get; set; }

    /// <summary>The exercise being done, when the report came during one.</summary>
    public string? ExerciseId { get; set; }

    public SessionSymptom Symptom { get; set; }

    /// <summary>0-10, for pain during an exercise.</summary>
    public int? PainScore { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The stop rule that decided, e.g. stop.sharp_pain_twice_in_7_days.</summary>
    public required string RuleId { get; set; }

    /// <summary>What the player was told to do.</summary>
    public StopAction Action { get; set; }

    /// <summary>The disposition the report raised by itself: None or Routine.</summary>
    public Disposition Raises { get; set; }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> entity)
    {
        entity.OwnedByPerson(s => s.StartedAt);
        entity.HasIndex(s => new { s.PersonId, s.ClientSessionId }).IsUnique();
        entity.Property(s => s.ClientSessionId).HasMaxLength(64);
        entity.HasIndex(s => new { s.PersonId, s.Date });
        entity.Within(nameof(Session.PainBefore), 0, 10);
        entity.Within(nameof(Session.WorstPain), 0, 10);
        // A plain key, not (RoutineId, PersonId): clearing it must not clear the owner.
        entity.HasOne<Routine>().WithMany().HasForeignKey(s => s.RoutineId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ExerciseLogConfiguration : IEntityTypeConfiguration<ExerciseLog>
{
    public void Configure(EntityTypeBuilder<ExerciseLog> entity)
    {
        entity.OwnedByPerson(l => l.ExerciseId);
        entity.ChildOf<ExerciseLog, Session>(l => l.SessionId, s => s.Exercises);
        entity.Property(l => l.ExerciseId).HasMaxLength(ModelRules.IdLength);
        entity.Property(l => l.Feedback).HasMaxLength(24);
        entity.Within(nameof(ExerciseLog.WorstPain), 0, 10);
    }
}

internal sealed class SessionStopConfiguration : IEntityTypeConfiguration<SessionStop>
{
    public void Configure(EntityTypeBuilder<SessionStop> entity)
    {
        entity.OwnedByPerson(s => s.At);
        entity.ChildOf<SessionStop, Session>(s => s.SessionId, s => s.Stops);
        entity.Property(s => s.ExerciseId).HasMaxLength(ModelRules.IdLength);
        entity.StoredByName(s => s.Symptom);
        entity.Property(s => s.RuleId).HasMaxLength(64);
        entity.StoredByName(s => s.Action);
        entity.StoredByName(s => s.Raises);
        entity.Within(nameof(SessionStop.PainScore), 0, 10);
    }
}
