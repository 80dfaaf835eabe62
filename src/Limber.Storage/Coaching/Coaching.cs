using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

/// <summary>
/// A practice, club or clinic whose trainers and therapists use coaching mode. Created by an operator from the
/// command line with its first administrator; the administrators add and remove its coaches. Holds no one's data.
/// </summary>
public sealed class Organisation
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A person's place in an organisation: a coach (may invite clients and follow them), an administrator (may add and
/// remove coaches, and sees no client's data for it), or both. Removing a coach ends their links at once.
/// </summary>
public sealed class OrganisationMember : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public bool IsCoach { get; set; }
    public bool IsAdmin { get; set; }

    /// <summary>The name clients see for this coach ("Sam Patel, physiotherapist").</summary>
    public required string DisplayName { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

/// <summary>
/// A coach's invitation to one client, by link or QR code. Only the SHA-256 of its secret is stored, so the link
/// cannot be read back from the database; it can be used once, until it expires or the coach withdraws it.
/// </summary>
public sealed class CoachInvite : IPersonOwned
{
    public const int LabelLength = 80;

    public Guid Id { get; set; }

    /// <summary>The coach who made it.</summary>
    public Guid PersonId { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>SHA-256 (hex) of the secret in the link.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The coach's own name for whom it is for ("Jo, Tuesday class"); shown only to the coach.</summary>
    public string? Label { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

/// <summary>Who ended a link between coach and client.</summary>
public enum CoachLinkEndedBy
{
    Client,
    Coach,

    /// <summary>An administrator removed the coach from the organisation.</summary>
    Organisation,
}

/// <summary>
/// A client's link with a coach, owned by the client (<see cref="PersonId"/>), with what the client agreed to share.
/// Each kind of data is shared only while its flag is set and the link has not ended: a coach's every read checks
/// both, so ending the link or withdrawing a share stops access at once.
/// </summary>
public sealed class CoachLink : IPersonOwned
{
    public Guid Id { get; set; }

    /// <summary>The client.</summary>
    public Guid PersonId { get; set; }

    /// <summary>The coach: a foreign key, so the link goes when the coach's account is deleted.</summary>
    public Guid CoachId { get; set; }

    public Guid OrganisationId { get; set; }
    public Guid? InviteId { get; set; }

    /// <summary>
    /// The coach's name as the client saw it when linking, kept so that the client's log still names them after the
    /// coach leaves the organisation. The membership's current name is shown while there is one.
    /// </summary>
    public string? CoachName { get; set; }

    /// <summary>The coach's name for the client, from the invitation; shown only to the coach.</summary>
    public string? Label { get; set; }

    /// <summary>Check-ins, pain and the everyday-activity scores, with the progress charts.</summary>
    public bool SharesProgress { get; set; }

    /// <summary>Sessions done, with each exercise's feedback and any stop.</summary>
    public bool SharesSessions { get; set; }

    /// <summary>Warning-sign screen outcomes and their reasons.</summary>
    public bool SharesScreens { get; set; }

    /// <summary>The program and its doses, which the coach may also change.</summary>
    public bool SharesProgram { get; set; }

    /// <summary>The version of the sharing wording the client agreed to.</summary>
    public required string ConsentVersion { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? SharesChangedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public CoachLinkEndedBy? EndedBy { get; set; }
}

/// <summary>
/// One exercise a coach put in a client's program, with the coach's dose (level 0 of its dose ladder), how many
/// rungs adaptation may progress above it, and a note. Present only while a coach's program is the active one.
/// </summary>
public sealed class ProgramExercise : IPersonOwned
{
    public const int NoteLength = 500;

    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid ProgramId { get; set; }

    /// <summary>Position in the coach's list, from 0.</summary>
    public int Order { get; set; }

    public required string ExerciseId { get; set; }
    public int? HoldSeconds { get; set; }
    public int? Reps { get; set; }
    public int? Sets { get; set; }
    public int? DurationSeconds { get; set; }
    public int MaxLevelsUp { get; set; }
    public string? Note { get; set; }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> entity)
    {
        entity.Property(o => o.Name).HasMaxLength(120);
        entity.HasIndex(o => o.Name).IsUnique();
    }
}

internal sealed class OrganisationMemberConfiguration : IEntityTypeConfiguration<OrganisationMember>
{
    public void Configure(EntityTypeBuilder<OrganisationMember> entity)
    {
        entity.OwnedByPerson();
        entity.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(m => new { m.OrganisationId, m.PersonId }).IsUnique();
        entity.Property(m => m.DisplayName).HasMaxLength(120);
    }
}

internal sealed class CoachInviteConfiguration : IEntityTypeConfiguration<CoachInvite>
{
    public void Configure(EntityTypeBuilder<CoachInvite> entity)
    {
        entity.OwnedByPerson(i => i.CreatedAt);
        entity.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(i => i.TokenHash).IsUnique();
        entity.Property(i => i.TokenHash).HasMaxLength(64);
        entity.Property(i => i.Label).HasMaxLength(CoachInvite.LabelLength);
    }
}

internal sealed class CoachLinkConfiguration : IEntityTypeConfiguration<CoachLink>
{
    public void Configure(EntityTypeBuilder<CoachLink> entity)
    {
        entity.OwnedByPerson(l => l.StartedAt);
        entity.HasOne<Person>().WithMany().HasForeignKey(l => l.CoachId).IsRequired().OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(l => new { l.CoachId, l.EndedAt });
        entity.Property(l => l.Label).HasMaxLength(CoachInvite.LabelLength);
        entity.Property(l => l.CoachName).HasMaxLength(120);
        entity.Property(l => l.ConsentVersion).HasMaxLength(20);
        entity.Property(l => l.EndedBy).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class ProgramExerciseConfiguration : IEntityTypeConfiguration<ProgramExercise>
{
    public void Configure(EntityTypeBuilder<ProgramExercise> entity)
    {
        entity.OwnedByPerson();
        entity.ChildOf<ProgramExercise, Program>(e => e.ProgramId, p => p.Prescribed);
        entity.HasIndex(e => new { e.ProgramId, e.Order }).IsUnique();
        entity.Property(e => e.ExerciseId).HasMaxLength(ModelRules.IdLength);
        entity.Property(e => e.Note).HasMaxLength(ProgramExercise.NoteLength);
        entity.Within(nameof(ProgramExercise.Order), 0, 1000);
        entity.Within(nameof(ProgramExercise.HoldSeconds), 1, 600);
        entity.Within(nameof(ProgramExercise.Reps), 1, 100);
        entity.Within(nameof(ProgramExercise.Sets), 1, 20);
        entity.Within(nameof(ProgramExercise.DurationSeconds), 1, 3600);
        entity.Within(nameof(ProgramExercise.MaxLevelsUp), 0, 10);
    }
}
