using Limber.Domain.Safety;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

/// <summary>What a stored screen asked. A closed set.</summary>
public enum ScreenKind
{
    /// <summary>Every item of the screen.</summary>
    Full,

    /// <summary>
    /// Only the emergency items, asked again (weekly while a program is active, safety.md section 3); the other
    /// answers are carried over from the screen it rechecked, so the stored answers are still complete.
    /// </summary>
    EmergencyRecheck,
}

/// <summary>
/// A warning-sign screen as it was judged (safety.md sections 2-3): every answer, the inputs,
/// the outcome, the reasons shown and the rules version that judged them. Never edited: a
/// changed answer is a new screen.
/// </summary>
public sealed class JudgedScreen : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public DateTimeOffset TakenAt { get; set; }

    /// <summary>Stored by name: a full screen or the weekly recheck of the emergency items.</summary>
    public ScreenKind Kind { get; set; }

    public int Age { get; set; }
    public bool FirstEpisode { get; set; }

    /// <summary>Stored by name (None, Routine, Urgent, Emergency).</summary>
    public Disposition Disposition { get; set; }

    public required string RulesVersion { get; set; }

    /// <summary>The reasons as shown, as JSON: what the person saw stays what was stored.</summary>
    public required string ReasonsJson { get; set; }

    public List<ScreenAnswer> Answers { get; set; } = [];
}

/// <summary>One answer of a judged screen: the stable item id and yes, no or unsure.</summary>
public sealed class ScreenAnswer : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid ScreenId { get; set; }
    public required string ItemId { get; set; }

    /// <summary>Stored by name (No, Yes, Unsure).</summary>
    public Answer Answer { get; set; }
}

/// <summary>The person's word that they acted on a referral from a screen (safety.md section 1).</summary>
public sealed class ReferralConfirmation : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid ScreenId { get; set; }
    public DateTimeOffset ConfirmedAt { get; set; }
    public ReferralConfirmationKind Kind { get; set; }
    public string? Note { get; set; }
}

internal sealed class JudgedScreenConfiguration : IEntityTypeConfiguration<JudgedScreen>
{
    private const string QuotedDisposition = $"\"{nameof(JudgedScreen.Disposition)}\"";

    public void Configure(EntityTypeBuilder<JudgedScreen> entity)
    {
        entity.OwnedByPerson(s => s.TakenAt);
        entity.StoredByName(s => s.Disposition);
        entity.StoredByName(s => s.Kind);
        entity.Property(s => s.RulesVersion).HasMaxLength(32);
        entity.Property(s => s.ReasonsJson).HasMaxLength(16_000);
        entity.Within(nameof(JudgedScreen.Age), 0, 130);

        // The coach dashboard's reads for many clients at once: each one's latest full screen (a weekly recheck is
        // left out) from the end of its own range, and who has an urgent or emergency screen at all, from an index
        // holding only those few rows. The disposition is stored by name, quoted as ModelRules quotes it for both
        // SQLite and PostgreSQL. Written with OR rather than IN: PostgreSQL gives an IN filter back (pg_get_indexdef)
        // in a form that does not read back the same, which the data bench checks, and it still uses this index for
        // the dashboard's IN.
        entity.HasIndex(s => new { s.PersonId, s.Kind, s.TakenAt });
        entity.HasIndex([nameof(JudgedScreen.PersonId)], "IX_JudgedScreens_PersonId_Referral")
            .HasFilter($"{QuotedDisposition} = '{nameof(Disposition.Urgent)}' OR {QuotedDisposition} = '{nameof(Disposition.Emergency)}'");
    }
}

internal sealed class ScreenAnswerConfiguration : IEntityTypeConfiguration<ScreenAnswer>
{
    public void Configure(EntityTypeBuilder<ScreenAnswer> entity)
    {
        entity.OwnedByPerson();
        entity.ChildOf<ScreenAnswer, JudgedScreen>(a => a.ScreenId, s => s.Answers);
        entity.HasIndex(a => new { a.ScreenId, a.ItemId }).IsUnique();
        entity.Property(a => a.ItemId).HasMaxLength(ModelRules.IdLength);
        entity.StoredByName(a => a.Answer);
    }
}

internal sealed class ReferralConfirmationConfiguration : IEntityTypeConfiguration<ReferralConfirmation>
{
    public void Configure(EntityTypeBuilder<ReferralConfirmation> entity)
    {
        entity.OwnedByPerson(c => c.ConfirmedAt);
        entity.ChildOf<ReferralConfirmation, JudgedScreen>(c => c.ScreenId);
        entity.StoredByName(c => c.Kind);
        entity.Property(c => c.Note).HasMaxLength(500);
    }
}
