using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

/// <summary>
/// The onboarding answers (issue 6), one per person, edited in place. List values are the
/// catalogue's and the planner's vocabulary (body areas, triggers, positions, equipment);
/// storage bounds them but does not judge them.
/// </summary>
public sealed class Profile : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }

    /// <summary>Where it feels tight: the catalogue's body-area values.</summary>
    public List<string> TightAreas { get; set; } = [];

    /// <summary>When: onWaking, afterSitting, afterRunning, afterLifting, atNight.</summary>
    public List<string> Triggers { get; set; } = [];

    /// <summary>What the day holds: sitting, running, lifting, standing work.</summary>
    public List<string> DayActivities { get; set; } = [];

    /// <summary>Hours sitting on a usual day, when the person said.</summary>
    public int? SittingHoursPerDay { get; set; }

    /// <summary>Positions possible: floor, kneeling, standing, chair.</summary>
    public List<string> Positions { get; set; } = [];

    /// <summary>Equipment at hand: the catalogue's equipment values.</summary>
    public List<string> Equipment { get; set; } = [];

    public int MinutesPerSession { get; set; }
    public int SessionsPerDay { get; set; }

    /// <summary>Working hours, in the person's time zone, for desk breaks.</summary>
    public TimeOnly? WorkHoursStart { get; set; }
    public TimeOnly? WorkHoursEnd { get; set; }

    /// <summary>Pain 0-10 at onboarding: the baseline safety.md compares against.</summary>
    public int BaselinePain { get; set; }

    public int? MorningStiffnessMinutes { get; set; }

    /// <summary>IANA time-zone id, e.g. Europe/London.</summary>
    public string? TimeZoneId { get; set; }

    /// <summary>ISO 3166 region, e.g. GB: picks the emergency number.</summary>
    public string? RegionCode { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// One rating on the everyday-activity scale (safety.md section 6): an activity the person
/// named as hard, scored 0-10, re-rated about every two weeks, so each rating is its own row.
/// </summary>
public sealed class ProfileActivity : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public required string Name { get; set; }
    public int Score { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<Profile>
{
    public void Configure(EntityTypeBuilder<Profile> entity)
    {
        entity.OwnedByPerson();
        entity.HasIndex(p => p.PersonId).IsUnique();
        entity.TagList(p => p.TightAreas);
        entity.TagList(p => p.Triggers);
        entity.TagList(p => p.DayActivities);
        entity.TagList(p => p.Positions);
        entity.TagList(p => p.Equipment);
        entity.Property(p => p.TimeZoneId).HasMaxLength(ModelRules.TimeZoneIdLength);
        entity.Property(p => p.RegionCode).HasMaxLength(8);
        entity.Within(nameof(Profile.BaselinePain), 0, 10);
        entity.Within(nameof(Profile.MinutesPerSession), 1, 240);
        entity.Within(nameof(Profile.SessionsPerDay), 1, 24);
        entity.Within(nameof(Profile.SittingHoursPerDay), 0, 24);
        entity.Within(nameof(Profile.MorningStiffnessMinutes), 0, 1440);
    }
}

internal sealed class ProfileActivityConfiguration : IEntityTypeConfiguration<ProfileActivity>
{
    public void Configure(EntityTypeBuilder<ProfileActivity> entity)
    {
        entity.OwnedByPerson(a => a.RecordedAt);
        entity.Property(a => a.Name).HasMaxLength(120);
        entity.Within(nameof(ProfileActivity.Score), 0, 10);
    }
}
