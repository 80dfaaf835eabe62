namespace Limber.Storage;

/// <summary>Dates as the person lives them: "today" in their own time zone (UTC when they gave none or an unknown one).</summary>
public static class PersonalDate
{
    public static DateOnly Today(TimeProvider time, string? timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            now = TimeZoneInfo.ConvertTime(now, zone);
        }
        return DateOnly.FromDateTime(now.DateTime);
    }
}
