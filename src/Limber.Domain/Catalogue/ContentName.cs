using System.Collections.Frozen;

namespace Limber.Domain.Catalogue;

/// <summary>
/// Maps the catalogue's enums to and from the camelCase names used in content files,
/// query strings and JSON, so that every surface spells a value the same way.
/// </summary>
public static class ContentName
{
    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        if (text is not null && Names<T>.ByName.TryGetValue(text, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>All names of an enum, in declaration order, for messages that list the allowed values.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Names<T>.Ordered;

    private static class Names<T> where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> Ordered =
            Enum.GetValues<T>().Select(v => Camel(v.ToString())).ToArray();

        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => Camel(v.ToString()));

        // Accept any letter case so that "LowerBack" and "lowerback" in a query still work;
        // content validation separately insists on the exact spelling.
        public static readonly FrozenDictionary<string, T> ByName =
            Enum.GetValues<T>().ToFrozenDictionary(v => Camel(v.ToString()), v => v, StringComparer.OrdinalIgnoreCase);
    }

    private static string Camel(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
