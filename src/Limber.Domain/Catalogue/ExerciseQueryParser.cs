using System.Globalization;

namespace Limber.Domain.Catalogue;

/// <summary>
/// Turns query-string values into an <see cref="ExerciseQuery"/>, the same way for the catalogue page
/// and the API, collecting a message per parameter for every value that cannot be used.
/// Each parameter may repeat or hold comma-separated values.
/// </summary>
public static class ExerciseQueryParser
{
    public const int MaxTextLength = 100;
    public const int MaxMinutesLimit = 120;

    /// <summary>The word that asks for exercises needing no equipment at all.</summary>
    public const string NoEquipment = "none";

    public static readonly IReadOnlyList<string> Parameters =
        ["q", "bodyArea", "kind", "position", "equipment", "difficulty", "maxMinutes", "page", "pageSize"];

    public static (ExerciseQuery Query, IReadOnlyDictionary<string, string[]> Errors) Parse(
        Func<string, IReadOnlyList<string>> values)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Error(string parameter, string message)
        {
            if (!errors.TryGetValue(parameter, out var list))
            {
                errors[parameter] = list = [];
            }
            list.Add(message);
        }

        IEnumerable<string> Split(string parameter) => values(parameter)
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        List<T> Enums<T>(string parameter) where T : struct, Enum
        {
            var result = new List<T>();
            foreach (var text in Split(parameter))
            {
                if (ContentName.TryParse<T>(text, out var value))
                {
                    result.Add(value);
                }
                else
                {
                    Error(parameter, $"'{Clip(text)}' is not a known {parameter}; use one of: {string.Join(", ", ContentName.All<T>())}");
                }
            }
            return result;
        }

        int? Int(string parameter, int min, int max)
        {
            var all = values(parameter).Where(v => v.Length > 0).ToList();
            if (all.Count == 0)
            {
                return null;
            }
            if (all.Count > 1)
            {
                Error(parameter, $"{parameter} may be given only once");
                return null;
            }
            if (!int.TryParse(all[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            {
                Error(parameter, $"{parameter} must be a whole number from {min} to {max}, not '{Clip(all[0])}'");
                return null;
            }
            return n;
        }

        var texts = values("q").Where(v => v.Trim().Length > 0).ToList();
        string? text = null;
        if (texts.Count > 1)
        {
            Error("q", "q may be given only once");
        }
        else if (texts.Count == 1)
        {
            text = texts[0].Trim();
            if (text.Length > MaxTextLength)
            {
                Error("q", $"q must be at most {MaxTextLength} characters");
                text = null;
            }
        }

        List<Equipment>? equipment = null;
        foreach (var value in Split("equipment"))
        {
            equipment ??= [];
            if (value.Equals(NoEquipment, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (ContentName.TryParse<Equipment>(value, out var e))
            {
                equipment.Add(e);
            }
            else
            {
                Error("equipment", $"'{Clip(value)}' is not known equipment; use {NoEquipment} or one of: {string.Join(", ", ContentName.All<Equipment>())}");
            }
        }

        var difficulties = new List<int>();
        foreach (var value in Split("difficulty"))
        {
            if (value is "1" or "2" or "3")
            {
                difficulties.Add(value[0] - '0');
            }
            else
            {
                Error("difficulty", $"difficulty must be 1, 2 or 3, not '{Clip(value)}'");
            }
        }

        var query = new ExerciseQuery
        {
            Text = text,
            BodyAreas = Enums<BodyArea>("bodyArea"),
            Kinds = Enums<ExerciseKind>("kind"),
            Positions = Enums<StartPosition>("position"),
            EquipmentAvailable = equipment,
            Difficulties = difficulties,
            MaxMinutes = Int("maxMinutes", 1, MaxMinutesLimit),
            Page = Int("page", 1, 10_000) ?? 1,
            PageSize = Int("pageSize", 1, ExerciseQuery.MaxPageSize) ?? ExerciseQuery.DefaultPageSize,
        };
        return (query, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    // Echo at most a little of what was sent, so a huge value does not come back in the message.
    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
