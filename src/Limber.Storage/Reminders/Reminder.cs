using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

public enum ReminderKind
{
    /// <summary>A routine at a chosen local time.</summary>
    Routine,

    /// <summary>Desk breaks every N minutes inside working hours.</summary>
    DeskBreak,

    /// <summary>The daily check-in.</summary>
    CheckIn,
}

/// <summary>
/// A reminder in the person's own time zone: times are local wall-clock times, so a reminder
/// at 07:30 stays at 07:30 across daylight-saving changes.
/// </summary>
public sealed class Reminder : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public ReminderKind Kind { get; set; }
    public TimeOnly? LocalTime { get; set; }
    public List<DayOfWeek> Days { get; set; } = [];
    public int? DeskBreakIntervalMinutes { get; set; }
    public TimeOnly? QuietFrom { get; set; }
    public TimeOnly? QuietTo { get; set; }
    public required string TimeZoneId { get; set; }
    public bool Enabled { get; set; }
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> entity)
    {
        entity.OwnedByPerson();
        entity.StoredByName(r => r.Kind);
        entity.Property(r => r.TimeZoneId).HasMaxLength(ModelRules.TimeZoneIdLength);
        entity.Within(nameof(Reminder.DeskBreakIntervalMinutes), 5, 480);
    }
}
