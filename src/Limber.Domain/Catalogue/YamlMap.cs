using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Limber.Domain.Catalogue;

/// <summary>
/// Reads fields out of one YAML mapping and records a <see cref="ContentProblem"/>, with the
/// file, line and dotted field name, for everything that is missing, mistyped or unknown.
/// Reading never throws: a bad field yields null so that every problem in a file is reported at once.
/// </summary>
internal sealed class YamlMap
{
    private readonly string _path;
    private readonly string _prefix;
    private readonly YamlMappingNode _node;
    private readonly List<ContentProblem> _problems;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);
    private readonly int? _keyLine;

    /// <param name="keyLine">For a nested mapping, the line of its key: where a missing field is reported.</param>
    public YamlMap(string path, YamlMappingNode node, List<ContentProblem> problems, string prefix = "", int? keyLine = null)
    {
        _path = path;
        _keyLine = keyLine;
        _node = node;
        _problems = problems;
        _prefix = prefix;
        foreach (var (key, value) in node.Children)
        {
            var name = key is YamlScalarNode s ? s.Value ?? "" : "";
            if (!_fields.TryAdd(name, (key, value)))
            {
                Problem(LineOf(key), name, "appears more than once");
            }
        }
    }

    public int Line => _keyLine ?? LineOf(_node);

    /// <summary>Problems recorded so far in this file, to tell whether reading a part added any.</summary>
    public int ProblemCount => _problems.Count;

    public IEnumerable<string> Keys => _fields.Keys;

    public static int LineOf(YamlNode node) => (int)node.Start.Line;

    /// <summary>The line of a field's key, or of the mapping itself when the field is absent.</summary>
    public int LineOf(string field) => _fields.TryGetValue(field, out var f) ? LineOf(f.Key) : Line;

    public string FieldName(string field) => _prefix.Length == 0 ? field : $"{_prefix}.{field}";

    public void Problem(int line, string field, string message) =>
        _problems.Add(new ContentProblem(_path, line, FieldName(field), message));

    public void RejectUnknown(IReadOnlyCollection<string> known)
    {
        foreach (var (name, (key, _)) in _fields)
        {
            if (!known.Contains(name))
            {
                Problem(LineOf(key), name, $"is not a known field (known fields: {string.Join(", ", known)})");
            }
        }
    }

    public bool Has(string field) => _fields.TryGetValue(field, out var f) && !IsNull(f.Value);

    public string? String(string field, bool required)
    {
        if (!Get(field, required, out var key, out var value))
        {
            return null;
        }
        if (value is not YamlScalarNode scalar)
        {
            Problem(LineOf(key), field, "must be a single text value");
            return null;
        }
        var text = scalar.Value?.Trim() ?? "";
        if (text.Length == 0)
        {
            Problem(LineOf(key), field, "must not be empty");
            return null;
        }
        return text;
    }

    public int? Int(string field, int min, int max, bool required)
    {
        if (!Get(field, required, out var key, out var value))
        {
            return null;
        }
        if (value is not YamlScalarNode scalar
            || !int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Problem(LineOf(key), field, "must be a whole number");
            return null;
        }
        if (number < min || number > max)
        {
            Problem(LineOf(key), field, $"must be between {min} and {max}, not {number}");
            return null;
        }
        return number;
    }

    public double? Double(string field, double min, double max, bool required)
    {
        if (!Get(field, required, out var key, out var value))
        {
            return null;
        }
        if (value is not YamlScalarNode scalar || !TryNumber(scalar, out var number))
        {
            Problem(LineOf(key), field, "must be a number");
            return null;
        }
        if (number < min || number > max)
        {
            Problem(LineOf(key), field, $"must be between {min} and {max}, not {number}");
            return null;
        }
        return number;
    }

    /// <summary>A number for both sides, or <c>[working, other]</c>. Null when absent or not numbers.</summary>
    public (double Working, double Other)? Pair(string field)
    {
        if (!Get(field, required: false, out var key, out var value))
        {
            return null;
        }
        if (value is YamlScalarNode single && TryNumber(single, out var both))
        {
            return (both, both);
        }
        if (value is YamlSequenceNode { Children.Count: 2 } pair
            && pair.Children[0] is YamlScalarNode a && TryNumber(a, out var working)
            && pair.Children[1] is YamlScalarNode b && TryNumber(b, out var other))
        {
            return (working, other);
        }
        Problem(LineOf(key), field, "must be a number of degrees, or [working side, other side]");
        return null;
    }

    /// <summary>The nested mappings of a list field, e.g. the poses of a figure.</summary>
    public IReadOnlyList<YamlMap> Maps(string field, bool required)
    {
        var maps = new List<YamlMap>();
        if (!Get(field, required, out var key, out var value))
        {
            return maps;
        }
        if (value is not YamlSequenceNode sequence)
        {
            Problem(LineOf(key), field, "must be a list");
            return maps;
        }
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode mapping)
            {
                maps.Add(new YamlMap(_path, mapping, _problems, $"{FieldName(field)}[{i + 1}]", LineOf(mapping)));
            }
            else
            {
                Problem(LineOf(sequence.Children[i]), $"{field}[{i + 1}]", "must be a set of named fields");
            }
        }
        return maps;
    }

    private static bool TryNumber(YamlScalarNode scalar, out double number) =>
        double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    public bool Bool(string field)
    {
        if (!Get(field, required: false, out var key, out var value))
        {
            return false;
        }
        if (value is YamlScalarNode { Value: "true" or "false" } scalar)
        {
            return scalar.Value == "true";
        }
        Problem(LineOf(key), field, "must be true or false");
        return false;
    }

    public T? Enum<T>(string field, bool required) where T : struct, Enum
    {
        var text = String(field, required);
        return text is null ? null : ParseEnum<T>(text, LineOf(field), field);
    }

    public IReadOnlyList<string> Strings(string field, bool required, bool nonEmpty = false) =>
        List(field, required, nonEmpty, (text, _, _) => text);

    public IReadOnlyList<T> Enums<T>(string field, bool required, bool nonEmpty = false) where T : struct, Enum =>
        List(field, required, nonEmpty, (text, line, name) => ParseEnum<T>(text, line, name))
            .Where(v => v is not null).Select(v => v!.Value).ToArray();

    /// <summary>The line of each item of a list field, by index, for checks made after loading.</summary>
    public int LineOfItem(string field, int index) =>
        _fields.TryGetValue(field, out var f) && f.Value is YamlSequenceNode seq && index < seq.Children.Count
            ? LineOf(seq.Children[index])
            : LineOf(field);

    public YamlMap? Map(string field, bool required)
    {
        if (!Get(field, required, out var key, out var value))
        {
            return null;
        }
        if (value is not YamlMappingNode mapping)
        {
            Problem(LineOf(key), field, "must be a set of named fields");
            return null;
        }
        return new YamlMap(_path, mapping, _problems, FieldName(field), LineOf(key));
    }

    private List<TItem> List<TItem>(string field, bool required, bool nonEmpty, Func<string, int, string, TItem> convert)
    {
        var items = new List<TItem>();
        if (!Get(field, required, out var key, out var value))
        {
            return items;
        }
        if (value is not YamlSequenceNode sequence)
        {
            Problem(LineOf(key), field, "must be a list");
            return items;
        }
        if (nonEmpty && sequence.Children.Count == 0)
        {
            Problem(LineOf(key), field, "must not be empty");
            return items;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var item = sequence.Children[i];
            var name = $"{field}[{i + 1}]";
            if (item is not YamlScalarNode { Value: { } raw } || raw.Trim().Length == 0)
            {
                Problem(LineOf(item), name, "must be a non-empty text value");
                continue;
            }
            var text = raw.Trim();
            if (!seen.Add(text))
            {
                Problem(LineOf(item), name, $"repeats \"{text}\"");
                continue;
            }
            items.Add(convert(text, LineOf(item), name));
        }
        return items;
    }

    private T? ParseEnum<T>(string text, int line, string field) where T : struct, Enum
    {
        if (ContentName.TryParse<T>(text, out var value) && ContentName.Of(value) == text)
        {
            return value;
        }
        Problem(line, field, $"\"{text}\" is not one of: {string.Join(", ", ContentName.All<T>())}");
        return null;
    }

    private bool Get(string field, bool required, out YamlNode key, out YamlNode value)
    {
        if (_fields.TryGetValue(field, out var f) && !IsNull(f.Value))
        {
            (key, value) = f;
            return true;
        }
        if (required)
        {
            Problem(_fields.TryGetValue(field, out var present) ? LineOf(present.Key) : Line, field, "is required");
        }
        key = value = _node;
        return false;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };
}
