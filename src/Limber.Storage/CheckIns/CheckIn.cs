using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

/// <summary>
/// The 20-second daily check-in (product part 6). Leg symptoms, numbness and bladder or bowel
/// changes are kept as asked, because each makes the screen run again (safety.md section 3).
/// </summary>
public sealed class CheckIn : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>The person's local date the check-in is for.</summary>
    public DateOnly Date { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
    public int PainNow { get; set; }

    /// <summary>Stiffness 0-10.</summary>
    public int? Stiffness { get; set; }

    public int? MorningStiffnessMinutes { get; set; }

    /// <summary>Where it is felt: body-area values.</summary>
    public List<string> WhereFelt { get; set; } = [];

    /// <summary>What was done for it: heat, ice, walk, sleepingPosition, lumbarRoll.</summary>
    public List<string> WhatHelped { get; set; } = [];

    public bool LegSymptoms { get; set; }
    public bool Numbness { get; set; }
    public bool BladderOrBowelChange { get; set; }

    /// <summary>The person's own note, if any.</summary>
    public string? Note { get; set; }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> entity)
    {
        entity.OwnedByPerson();
        // One check-in a day: checking in again that day replaces it.
        entity.HasIndex(c => new { c.PersonId, c.Date }).IsUnique();
        entity.TagList(c => c.WhereFelt);
        entity.TagList(c => c.WhatHelped);
        entity.Within(nameof(CheckIn.PainNow), 0, 10);
        entity.Within(nameof(CheckIn.Stiffness), 0, 10);
        entity.Within(nameof(CheckIn.MorningStiffnessMinutes), 0, 1440);
        entity.Property(c => c.Note).HasMaxLength(1000);
    }
}
