using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

public enum AuditActorKind
{
    /// <summary>The person themselves.</summary>
    Person,

    /// <summary>A trainer or therapist in coaching mode.</summary>
    Coach,

    /// <summary>Someone running Limber, from the command line.</summary>
    Operator,

    /// <summary>Limber itself: a job, a start-up step.</summary>
    System,
}

/// <summary>
/// Something that happened to someone's data: a consent, an export, a deletion, a coach's view.
/// It never holds health data nor an e-mail address: the subject is a pseudonymous reference.
/// <see cref="PersonId"/> is not a foreign key, so the event of an account's deletion outlives
/// the account (with no person id, only the pseudonym).
/// </summary>
public sealed class AuditEvent
{
    public const string AccountDeleted = "account.deleted";
    public const string ConsentGiven = "consent.given";
    public const string ConsentWithdrawn = "consent.withdrawn";
    public const string DataExported = "data.exported";

    /// <summary>The person accepted a coach's invitation (subject: coach-link:{id}).</summary>
    public const string CoachLinked = "coach.linked";

    /// <summary>The person changed what a coach may see.</summary>
    public const string CoachSharesChanged = "coach.shares-changed";

    /// <summary>A link ended, by either side or by the coach's organisation.</summary>
    public const string CoachLinkEnded = "coach.link-ended";

    /// <summary>A coach looked at the person's data (subject: coach-link:{id}/{what}).</summary>
    public const string CoachViewed = "coach.viewed";

    /// <summary>A coach set or changed the person's program.</summary>
    public const string CoachProgramSet = "coach.program-set";

    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>What happened, as a dotted name: consent.given, data.exported, account.deleted.</summary>
    public required string Action { get; set; }

    public AuditActorKind ActorKind { get; set; }

    /// <summary>A pseudonymous reference to what it happened to; never health data nor an e-mail.</summary>
    public required string SubjectRef { get; set; }

    /// <summary>Whose data, while they have an account; the person's own audit log lists by it.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>An event a coach caused on the person's data: the person's audit log shows it.</summary>
    public static AuditEvent ForCoach(Guid personId, DateTimeOffset at, string action, string subjectRef) => new()
    {
        At = at,
        Action = action,
        ActorKind = AuditActorKind.Coach,
        SubjectRef = subjectRef,
        PersonId = personId,
    };

    /// <summary>An event the person caused on their own data, while they have an account.</summary>
    public static AuditEvent ForPerson(Guid personId, DateTimeOffset at, string action, string subjectRef) => new()
    {
        At = at,
        Action = action,
        ActorKind = AuditActorKind.Person,
        SubjectRef = subjectRef,
        PersonId = personId,
    };
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> entity)
    {
        entity.HasIndex(e => new { e.PersonId, e.At });
        entity.HasIndex(e => e.At);
        entity.Property(e => e.Action).HasMaxLength(64);
        entity.Property(e => e.SubjectRef).HasMaxLength(128);
        entity.StoredByName(e => e.ActorKind);
    }
}
