namespace Limber.Storage;

/// <summary>Dates as the person lives them: "today" in their own time zone (UTC when they gave none or an unknown one).</summary>
public static class PersonalDate
{
    public static DateOnly Today(TimeProvider time, string? timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Of(time.GetUtcNow(), timeZoneId);
    }

    /// <summary>The person's own date at <paramref name="instant"/>.</summary>
    public static DateOnly Of(DateTimeOffset instant, string? timeZoneId)
    {
        if (!string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            instant = TimeZoneInfo.ConvertTime(instant, zone);
        }
        return DateOnly.FromDateTime(instant.DateTime);
    }

    /// <summary>The person's own date at <paramref name="instant"/>, or null.</summary>
    public static DateOnly? Of(DateTimeOffset? instant, string? timeZoneId) =>
        instant is { } value ? Of(value, timeZoneId) : null;
}
