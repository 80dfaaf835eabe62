using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

/// <summary>
/// One explicit consent, for one purpose, to one version of its wording. Withdrawing sets
/// <see cref="WithdrawnAt"/>; giving it again is a new row, so the history shows both.
/// </summary>
public sealed class Consent : IPersonOwned
{
    /// <summary>Storing and processing health data: needed before any is stored (issue 5).</summary>
    public const string HealthData = "health-data";

    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public required string Purpose { get; set; }
    public required string Version { get; set; }
    public DateTimeOffset GivenAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> entity)
    {
        entity.OwnedByPerson(c => new { c.Purpose, c.GivenAt });
        entity.Property(c => c.Purpose).HasMaxLength(40);
        entity.Property(c => c.Version).HasMaxLength(20);
    }
}
