using System.Globalization;
using System.Text.Json;
using Limber.Web.Hosting;

namespace Limber.Web.Planning;

/// <summary>Typed values read from a JSON body or a query, each problem named by its field.</summary>
internal static class RequestValues
{
    /// <summary>
    /// The properties of a body, each known field once: a known field given twice is an error under its name and only
    /// its first value is read. Unknown fields are passed on for the caller to refuse by name.
    /// </summary>
    /// <param name="path">Where the object sits in the body, like stops[0], to name its fields; empty for the body itself.</param>
    public static IEnumerable<JsonProperty> Once(JsonElement root, IReadOnlyCollection<string> fields, FieldErrors errors, HashSet<string> given, string path = "")
    {
        foreach (var property in root.EnumerateObject())
        {
            if (fields.Contains(property.Name) && !given.Add(property.Name))
            {
                var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                errors.Add(field, $"{field} is given twice; send it once.");
                continue;
            }
            yield return property;
        }
    }

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryDay(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date.Year is >= 2000 and <= 2200;

    public static DateOnly? Date(JsonElement value, string field, FieldErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String && TryDay(value.GetString(), out var date))
        {
            return date;
        }
        errors.Add(field, $"{field} must be one day written YYYY-MM-DD, like 2026-11-23.");
        return null;
    }

    public static DateTimeOffset? Instant(JsonElement value, string field, FieldErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParseExact(value.GetString(), "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return exact;
        }
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && text.Contains('T', StringComparison.Ordinal)
            && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T', StringComparison.Ordinal))
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }
        errors.Add(field, $"{field} must be a time with its offset, like 2026-11-23T07:30:00Z.");
        return null;
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; null with an error otherwise.</summary>
    public static int? Whole(JsonElement value, string field, int min, int max, FieldErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }
        errors.Add(field, $"{field} must be a whole number from {min} to {max}.");
        return null;
    }

    public static bool? Flag(JsonElement value, string field, FieldErrors errors)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        errors.Add(field, $"{field} must be true or false.");
        return null;
    }

    public static string? Text(JsonElement value, string field, int longest, FieldErrors errors)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(field, $"{field} must be text.");
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length > longest)
        {
            errors.Add(field, $"{field} must be at most {longest} characters.");
            return null;
        }
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(field, $"{field} must not hold control characters.");
            return null;
        }
        return text.Length == 0 ? null : text;
    }

    /// <summary>A list of known names (each once); the unknown ones and repeats are problems under <c>field[i]</c>.</summary>
    public static List<string> Names(JsonElement value, string field, IReadOnlyList<string> known, int most, FieldErrors errors)
    {
        var names = new List<string>();
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(field, $"{field} must be a list, like [\"{known[0]}\"].");
            return names;
        }
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var path = $"{field}[{index++}]";
            if (item.ValueKind != JsonValueKind.String || item.GetString() is not { } name || !known.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(path, $"{path} must be one of {string.Join(", ", known)}.");
            }
            else if (names.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(path, $"'{name}' is listed twice; list it once.");
            }
            else
            {
                names.Add(name);
            }
        }
        if (index > most)
        {
            errors.Add(field, $"{field} may list at most {most} values.");
        }
        return names;
    }

    /// <summary>
    /// The from and to days of a list query (the last <paramref name="defaultDays"/> days by default), at most a year
    /// apart; the answer to give instead when they are not usable.
    /// </summary>
    public static (DateOnly From, DateOnly To, IResult? Refusal) Range(IQueryCollection query, DateOnly today, int defaultDays, string title)
    {
        foreach (var key in query.Keys.Where(k => k is not "from" and not "to"))
        {
            return (default, default, FieldErrors.One(title, FieldErrors.Clip(key), $"'{FieldErrors.Clip(key)}' is not a parameter here; use from and to."));
        }
        var to = today;
        var from = today.AddDays(-(defaultDays - 1));
        foreach (var (key, assign) in new (string, Action<DateOnly>)[] { ("from", d => from = d), ("to", d => to = d) })
        {
            if (query.TryGetValue(key, out var text))
            {
                if (text.Count != 1 || !TryDay(text[0], out var day))
                {
                    return (default, default, FieldErrors.One(title, key, $"{key} must be one day written YYYY-MM-DD, like 2026-11-23."));
                }
                assign(day);
            }
        }
        if (from > to)
        {
            return (default, default, FieldErrors.One(title, "from", "from must be on or before to."));
        }
        if (to.DayNumber - from.DayNumber > 366)
        {
            return (default, default, FieldErrors.One(title, "to", "Ask for at most a year at a time: to may be at most 366 days after from."));
        }
        return (from, to, null);
    }
}
