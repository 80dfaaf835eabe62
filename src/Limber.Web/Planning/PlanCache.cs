using Limber.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace Limber.Web.Planning;

/// <summary>
/// The plan contexts of the people seen lately, each kept with the <see cref="Person.DataStamp"/> it was read under
/// and used again only while the stamp is the same and it is still the same day where the person lives. Any change to
/// their data (a check-in, a session, a screen, consent, their answers, a coach's program) gives a new stamp in the
/// same transaction, so a kept plan never outlives the data and the safety decision it was made from, on any node.
/// <c>Limber:Plans:CachedPeople</c> (default 1000; 0 turns it off) bounds how many are kept; each goes after 30
/// minutes unused.
/// </summary>
public sealed class PlanCache : IDisposable
{
    public const string SizeKey = "Limber:Plans:CachedPeople";
    public const int DefaultSize = 1000;

    private readonly MemoryCache? _kept;
    private readonly TimeProvider _time;

    public PlanCache(int size, TimeProvider time)
    {
        _kept = size == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = size });
        _time = time;
    }

    /// <summary>How many people's plans to keep, from <c>Limber:Plans:CachedPeople</c>; throws with the reason when it is not 0 or more.</summary>
    public static int SizeFrom(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var value = config[SizeKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultSize;
        }
        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size)
            ? size
            : throw new InvalidOperationException($"{SizeKey} must be a whole number, 0 (off) or more, not '{value}'.");
    }

    public PlanContext? Find(Guid personId, long stamp) =>
        _kept is not null && _kept.TryGetValue(personId, out Kept? kept) && kept!.Stamp == stamp
        && PersonalDate.Today(_time, kept.Context.TimeZoneId) == kept.Context.Today
            ? kept.Context
            : null;

    public void Keep(Guid personId, long stamp, PlanContext context) =>
        _kept?.Set(personId, new Kept(stamp, context), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });

    public void Dispose() => _kept?.Dispose();

    private sealed record Kept(long Stamp, PlanContext Context);
}
