using System.Collections.Frozen;

namespace Limber.Domain.Safety;

/// <summary>
/// The emergency telephone number shown in every page footer and on the emergency outcome page.
/// A deployment sets its region; without one, the common numbers are all listed.
/// </summary>
public sealed record EmergencyNumber(string Region, string Number, string Text)
{
    private static readonly FrozenDictionary<string, string> ByRegion = new Dictionary<string, string>
    {
        ["GB"] = "999", ["US"] = "911", ["CA"] = "911", ["AU"] = "000", ["NZ"] = "111",
        ["IE"] = "112", ["IN"] = "112", ["ZA"] = "112", ["JP"] = "119", ["CN"] = "120",
        ["BR"] = "192", ["MX"] = "911", ["CH"] = "144", ["NO"] = "113", ["IL"] = "101",
        ["DE"] = "112", ["FR"] = "112", ["ES"] = "112", ["IT"] = "112", ["NL"] = "112",
        ["BE"] = "112", ["AT"] = "112", ["SE"] = "112", ["DK"] = "112", ["FI"] = "112",
        ["PL"] = "112", ["EU"] = "112", ["PT"] = "112", ["CZ"] = "112", ["GR"] = "112", ["HU"] = "112",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyCollection<string> KnownRegions => ByRegion.Keys;

    /// <summary>The number for a region (ISO 3166 two-letter code), or the common list when unknown or unset.</summary>
    public static EmergencyNumber For(string? region)
    {
        if (region is not null && ByRegion.TryGetValue(region.Trim(), out var number))
        {
            return new EmergencyNumber(region.Trim().ToUpperInvariant(), number, number);
        }
        return new EmergencyNumber("", "112", "112 in Europe, 999 in the UK, 911 in North America, 000 in Australia");
    }
}
