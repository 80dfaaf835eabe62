using System.Globalization;
using Limber.Domain.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Limber.Storage;

/// <summary>
/// A person's reminder settings (one row each) in their own time zone, the calendar feed's secret address, and how
/// far ahead their reminders are planned into <see cref="DueReminder"/> rows. Lists are short strings ("07:30 Routine",
/// "Monday", "22:00-07:00") checked by <see cref="ReminderSettings.Problems"/> before they are stored.
/// </summary>
public sealed class ReminderSchedule : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public required string TimeZoneId { get; set; }
    public List<string> Daily { get; set; } = [];
    public List<string> Days { get; set; } = [];
    public int? DeskBreakMinutes { get; set; }
    public List<string> DeskBreakDays { get; set; } = [];
    public TimeOnly? WorkFrom { get; set; }
    public TimeOnly? WorkTo { get; set; }
    public List<string> QuietTimes { get; set; } = [];
    public DateOnly? PausedOn { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Due reminders exist up to here; the dispatcher plans further as time passes.</summary>
    public DateTimeOffset PlannedUntil { get; set; }

    /// <summary>SHA-256 (hex) of the calendar feed's secret; the secret itself is never stored in the clear.</summary>
    public string? CalendarTokenHash { get; set; }

    /// <summary>The secret, encrypted with the data-protection keys, so the settings page can show the address again.</summary>
    public string? CalendarTokenProtected { get; set; }

    public DateTimeOffset? CalendarCreatedAt { get; set; }
    public DateTimeOffset? CalendarFetchedAt { get; set; }

    public ReminderSettings ToSettings(TimeZoneInfo zone) => new(
        zone,
        [.. Daily.Select(ParseDaily).OfType<DailyReminder>()],
        ParseDays(Days),
        DeskBreakMinutes is { } every && WorkFrom is { } from && WorkTo is { } to
            ? new DeskBreaks(every, ParseDays(DeskBreakDays), from, to)
            : null,
        [.. QuietTimes.Select(ParseQuiet).OfType<QuietTime>()],
        PausedOn);

    public void Set(ReminderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TimeZoneId = settings.TimeZone.Id;
        Daily = [.. settings.Daily.OrderBy(d => d.At).Select(d => $"{Time(d.At)} {d.Kind}")];
        Days = DayNames(settings.Days);
        DeskBreakMinutes = settings.DeskBreaks?.EveryMinutes;
        DeskBreakDays = settings.DeskBreaks is { } b ? DayNames(b.Days) : [];
        WorkFrom = settings.DeskBreaks?.WorkFrom;
        WorkTo = settings.DeskBreaks?.WorkTo;
        QuietTimes = [.. settings.QuietTimes.Select(q => $"{Time(q.From)}-{Time(q.To)}")];
        PausedOn = settings.PausedOn;
    }

    private static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static List<string> DayNames(IReadOnlySet<DayOfWeek> days) =>
        [.. Enum.GetValues<DayOfWeek>().Where(days.Contains).Select(d => d.ToString())];

    private static HashSet<DayOfWeek> ParseDays(IEnumerable<string> names) =>
        [.. names.Select(n => Enum.TryParse<DayOfWeek>(n, out var d) ? d : (DayOfWeek?)null).OfType<DayOfWeek>()];

    private static DailyReminder? ParseDaily(string value)
    {
        var parts = value.Split(' ', 2);
        return parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            && Enum.TryParse<ReminderKind>(parts[1], out var kind)
                ? new DailyReminder(at, kind)
                : null;
    }

    private static QuietTime? ParseQuiet(string value)
    {
        var parts = value.Split('-', 2);
        return parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
                ? new QuietTime(from, to)
                : null;
    }
}

internal sealed class ReminderScheduleConfiguration : IEntityTypeConfiguration<ReminderSchedule>
{
    public void Configure(EntityTypeBuilder<ReminderSchedule> entity)
    {
        entity.OwnedByPerson();
        entity.HasIndex(r => r.PersonId).IsUnique();
        entity.HasIndex(r => r.PlannedUntil);
        entity.HasIndex(r => r.CalendarTokenHash).IsUnique();
        entity.Property(r => r.TimeZoneId).HasMaxLength(ModelRules.TimeZoneIdLength);
        entity.TagList(r => r.Daily);
        entity.TagList(r => r.Days);
        entity.TagList(r => r.DeskBreakDays);
        entity.TagList(r => r.QuietTimes);
        entity.Property(r => r.CalendarTokenHash).HasMaxLength(64);
        entity.Property(r => r.CalendarTokenProtected).HasMaxLength(400);
        entity.Within(nameof(ReminderSchedule.DeskBreakMinutes), ReminderSettings.FewestBreakMinutes, ReminderSettings.MostBreakMinutes);
    }
}

/// <summary>Where a due reminder is on its way out.</summary>
public enum DueState
{
    /// <summary>Waiting for its time (or for a retry after a push service asked to wait).</summary>
    Pending,

    /// <summary>Claimed by one app instance until <see cref="DueReminder.LeaseUntil"/>.</summary>
    Sending,

    /// <summary>Delivered to at least one of the person's devices.</summary>
    Sent,

    /// <summary>Due, but the person has no device with notifications on: nothing to send.</summary>
    NoDevice,

    /// <summary>
    /// Not sent on purpose: a routine reminder while routines are on hold after warning-sign answers (safety.md
    /// section 1), which would nudge the person towards exercise they were advised to wait with.
    /// </summary>
    Held,

    /// <summary>Found too late to be useful (the app was down longer than the reminder stays relevant).</summary>
    Missed,

    /// <summary>Every device refused it or kept failing after retries.</summary>
    Failed,
}

/// <summary>
/// One reminder at one instant: the dispatcher's work list. Rows are planned ahead from the person's
/// <see cref="ReminderSchedule"/>, claimed by one app instance at a time, and marked when done, so a restart loses
/// none and repeats none, and two instances on one database deliver each once.
/// </summary>
public sealed class DueReminder : IPersonOwned
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public ReminderKind Kind { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateOnly LocalDate { get; set; }
    public TimeOnly LocalTime { get; set; }
    public DueState State { get; set; }

    /// <summary>Not to be tried before this: the due time, later after a push service asked to wait.</summary>
    public DateTimeOffset AttemptAfter { get; set; }

    public int Attempts { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>The devices (<see cref="PushDevice"/> ids) it reached, so a retry sends only to the rest.</summary>
    public List<string> DeliveredTo { get; set; } = [];

    /// <summary>What happened, in a short sentence without health data.</summary>
    public string? Outcome { get; set; }
}

internal sealed class DueReminderConfiguration : IEntityTypeConfiguration<DueReminder>
{
    public void Configure(EntityTypeBuilder<DueReminder> entity)
    {
        entity.OwnedByPerson();
        entity.HasIndex(r => new { r.PersonId, r.Kind, r.DueAt }).IsUnique();
        entity.HasIndex(r => new { r.State, r.AttemptAfter });
        entity.StoredByName(r => r.Kind);
        entity.StoredByName(r => r.State);
        entity.TagList(r => r.DeliveredTo);
        entity.Property(r => r.Outcome).HasMaxLength(200);
        entity.Property(r => r.ClaimToken).IsConcurrencyToken();
    }
}

/// <summary>
/// A browser that accepted notifications: its push subscription (RFC 8030 endpoint, and the RFC 8291 keys to encrypt
/// for it) and a label the person recognises.
/// </summary>
public sealed class PushDevice : IPersonOwned
{
    public const int LongestEndpoint = 1000;
    public const int LongestLabel = 80;

    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public required string Endpoint { get; set; }

    /// <summary>The browser's P-256 public key, base64url.</summary>
    public required string P256dh { get; set; }

    /// <summary>The browser's 16-byte authentication secret, base64url.</summary>
    public required string Auth { get; set; }

    public required string Label { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastDeliveredAt { get; set; }
    public int Failures { get; set; }
}

internal sealed class PushDeviceConfiguration : IEntityTypeConfiguration<PushDevice>
{
    public void Configure(EntityTypeBuilder<PushDevice> entity)
    {
        entity.OwnedByPerson(d => d.CreatedAt);
        entity.HasIndex(d => d.Endpoint).IsUnique();
        entity.Property(d => d.Endpoint).HasMaxLength(PushDevice.LongestEndpoint);
        entity.Property(d => d.P256dh).HasMaxLength(100);
        entity.Property(d => d.Auth).HasMaxLength(40);
        entity.Property(d => d.Label).HasMaxLength(PushDevice.LongestLabel);
    }
}

/// <summary>
/// The application server's VAPID key pair (RFC 8292), made once and shared by every app instance on the database.
/// The private key is encrypted with the data-protection keys.
/// </summary>
public sealed class VapidKey
{
    public const int TheOne = 1;

    public int Id { get; set; }
    public required string PublicKey { get; set; }
    public required string PrivateKeyProtected { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class VapidKeyConfiguration : IEntityTypeConfiguration<VapidKey>
{
    public void Configure(EntityTypeBuilder<VapidKey> entity)
    {
        entity.Property(k => k.Id).ValueGeneratedNever();
        entity.Property(k => k.PublicKey).HasMaxLength(100);
        entity.Property(k => k.PrivateKeyProtected).HasMaxLength(400);
        entity.ToTable(t => t.HasCheckConstraint("CK_VapidKeys_Id", $"\"Id\" = {VapidKey.TheOne}"));
    }
}
