using System.Security.Cryptography;
using System.Text;
using Limber.Domain.Reminders;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Limber.Storage;

/// <summary>
/// A person's reminder settings and calendar feed. Saving settings plans their reminders into <see cref="DueReminder"/>
/// rows in the same transaction, replacing the ones still waiting, so what the dispatcher sends always follows the
/// latest settings.
/// </summary>
public sealed class ReminderRecords(LimberDbContext db, TimeProvider time, IDataProtectionProvider protection)
{
    /// <summary>How far ahead reminders are planned into rows.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(2);

    private const string FeedPurpose = "Limber.Reminders.CalendarFeed";

    public Task<ReminderSchedule?> FindAsync(Guid personId, CancellationToken ct = default) =>
        db.ReminderSchedules.AsNoTracking().SingleOrDefaultAsync(r => r.PersonId == personId, ct);

    /// <summary>Stores the settings (already checked: <see cref="ReminderSettings.Problems"/>) and plans the next two days.</summary>
    public async Task<ReminderSchedule> SaveAsync(Guid personId, ReminderSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return await SaveOnceAsync(personId, settings, ct);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // Two first saves raced to create the row; this one now updates it.
            db.ChangeTracker.Clear();
            return await SaveOnceAsync(personId, settings, ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The feed's secret, new or renewed (the old address stops working at once).</summary>
    public async Task<string> RenewCalendarFeedAsync(Guid personId, TimeZoneInfo zone, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var token = Base64UrlToken();
        var row = await db.ReminderSchedules.SingleOrDefaultAsync(r => r.PersonId == personId, ct);
        if (row is null)
        {
            // A feed before any reminder is chosen: an empty calendar that fills as reminders are set.
            await SaveAsync(personId, ReminderSettings.None(zone), ct);
            row = await db.ReminderSchedules.SingleAsync(r => r.PersonId == personId, ct);
        }
        row.CalendarTokenHash = Hash(token);
        row.CalendarTokenProtected = protection.CreateProtector(FeedPurpose).Protect(token);
        row.CalendarCreatedAt = StoredTime.Now(time);
        row.CalendarFetchedAt = null;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return token;
    }

    /// <summary>Turns the feed off: its address answers 404 from now on.</summary>
    public async Task<bool> RevokeCalendarFeedAsync(Guid personId, CancellationToken ct = default) =>
        await db.ReminderSchedules.Where(r => r.PersonId == personId && r.CalendarTokenHash != null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.CalendarTokenHash, (string?)null)
                .SetProperty(r => r.CalendarTokenProtected, (string?)null)
                .SetProperty(r => r.CalendarCreatedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.CalendarFetchedAt, (DateTimeOffset?)null), ct) > 0;

    /// <summary>The feed's secret for the settings page, or null when there is no feed.</summary>
    public string? CalendarToken(ReminderSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.CalendarTokenProtected is null)
        {
            return null;
        }
        try
        {
            return protection.CreateProtector(FeedPurpose).Unprotect(schedule.CalendarTokenProtected);
        }
        catch (CryptographicException)
        {
            // The data-protection keys that encrypted it are gone: the address still works, but can only be renewed.
            return null;
        }
    }

    /// <summary>
    /// The settings behind a feed's secret, or null. Notes when the feed was last read (at most hourly, so a calendar
    /// polling often does not write each time).
    /// </summary>
    public async Task<ReminderSchedule?> FindByCalendarTokenAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var row = await db.ReminderSchedules.AsNoTracking().SingleOrDefaultAsync(r => r.CalendarTokenHash == hash, ct);
        if (row is null)
        {
            return null;
        }
        var now = StoredTime.Now(time);
        if (row.CalendarFetchedAt is not { } fetched || now - fetched > TimeSpan.FromHours(1))
        {
            await db.ReminderSchedules.Where(r => r.Id == row.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CalendarFetchedAt, now), ct);
        }
        return row;
    }

    /// <summary>The reminders of the last days that are done (sent, missed, with no device), newest first.</summary>
    public async Task<IReadOnlyList<DueReminder>> RecentAsync(Guid personId, int count, CancellationToken ct = default) =>
        await db.DueReminders.AsNoTracking()
            .Where(r => r.PersonId == personId && r.DoneAt != null)
            .OrderByDescending(r => r.DueAt)
            .Take(count)
            .ToListAsync(ct);

    /// <summary>The rows for every reminder of <paramref name="settings"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IEnumerable<DueReminder> Plan(Guid personId, ReminderSettings settings, DateTimeOffset from, DateTimeOffset to) =>
        ReminderTimes.Between(settings, from, to).Select(o => new DueReminder
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            Kind = o.Kind,
            DueAt = StoredTime.Normalize(o.DueAt),
            LocalDate = o.LocalDate,
            LocalTime = o.LocalTime,
            State = DueState.Pending,
            AttemptAfter = StoredTime.Normalize(o.DueAt),
        });

    /// <summary>
    /// Adds planned rows for <paramref name="from"/> to <paramref name="to"/>, leaving out any instant that already has a
    /// row of that kind (one being sent, or already sent, keeps its row).
    /// </summary>
    internal static async Task AddPlannedAsync(
        LimberDbContext db, Guid personId, ReminderSettings settings, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var existing = (await db.DueReminders.AsNoTracking()
                .Where(r => r.PersonId == personId && r.DueAt >= from && r.DueAt < to)
                .Select(r => new { r.Kind, r.DueAt })
                .ToListAsync(ct))
            .Select(r => (r.Kind, r.DueAt))
            .ToHashSet();
        db.DueReminders.AddRange(Plan(personId, settings, from, to).Where(r => !existing.Contains((r.Kind, r.DueAt))));
    }

    private async Task<ReminderSchedule> SaveOnceAsync(Guid personId, ReminderSettings settings, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = StoredTime.Now(time);
        var row = await db.ReminderSchedules.SingleOrDefaultAsync(r => r.PersonId == personId, ct);
        row ??= db.ReminderSchedules.Add(new ReminderSchedule { Id = Guid.NewGuid(), PersonId = personId, TimeZoneId = settings.TimeZone.Id }).Entity;
        row.Set(settings);
        row.UpdatedAt = now;
        row.PlannedUntil = now + Horizon;
        // Waiting reminders follow the new settings; one already claimed by a dispatcher finishes as it is.
        await db.DueReminders.Where(r => r.PersonId == personId && r.State == DueState.Pending && r.DueAt >= now).ExecuteDeleteAsync(ct);
        await AddPlannedAsync(db, personId, settings, now, now + Horizon, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return row;
    }

    private static string Base64UrlToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
