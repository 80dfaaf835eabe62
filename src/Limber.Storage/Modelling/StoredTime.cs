using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Limber.Storage;

/// <summary>
/// How instants are stored: in UTC, to the microsecond, on both providers. PostgreSQL keeps
/// microseconds and takes only UTC for <c>timestamp with time zone</c>; cutting SQLite to the
/// same precision means a value reads back the same whichever database holds it.
/// </summary>
public static class StoredTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMicrosecond;

    /// <summary>Now, as it will read back from either database: what a write answers is what a later read gives.</summary>
    public static DateTimeOffset Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Normalize(time.GetUtcNow());
    }

    public static DateTimeOffset Normalize(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero);
}

/// <summary>PostgreSQL: a <c>timestamp with time zone</c>, written as UTC.</summary>
internal sealed class UtcInstantConverter()
    : ValueConverter<DateTimeOffset, DateTimeOffset>(v => StoredTime.Normalize(v), v => StoredTime.Normalize(v));

/// <summary>
/// SQLite: UTC ticks in an INTEGER column. SQLite has no date type, and EF Core cannot order or
/// compare DateTimeOffset stored as text there; an integer orders and compares as time does.
/// </summary>
internal sealed class UtcTicksConverter()
    : ValueConverter<DateTimeOffset, long>(v => StoredTime.Normalize(v).UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
