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
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> entity)
    {
        entity.OwnedByPerson(c => c.Date);
        entity.TagList(c => c.WhereFelt);
        entity.TagList(c => c.WhatHelped);
        entity.Within(nameof(CheckIn.PainNow), 0, 10);
        entity.Within(nameof(CheckIn.Stiffness), 0, 10);
        entity.Within(nameof(CheckIn.MorningStiffnessMinutes), 0, 1440);
    }
}
