using System.Collections.Frozen;
using System.Text;

namespace Limber.Domain.Catalogue;

/// <summary>The validated, immutable set of exercises, with lookups and search.</summary>
public sealed class ExerciseCatalogue
{
    private readonly Entry[] _entries;
    private readonly FrozenDictionary<string, Exercise> _byId;

    public ExerciseCatalogue(IEnumerable<Exercise> exercises, IReadOnlyDictionary<string, Source> sources)
    {
        All = exercises.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        _byId = All.ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);
        _entries = All.Select(e => new Entry(e)).ToArray();
        Sources = sources.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Every exercise, ordered by name.</summary>
    public IReadOnlyList<Exercise> All { get; }

    public IReadOnlyDictionary<string, Source> Sources { get; }

    public Exercise? Find(string id) => _byId.GetValueOrDefault(id);

    public ExercisePage Query(ExerciseQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, ExerciseQuery.MaxPageSize);

        var words = Normalize(query.Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var phrase = string.Join(' ', words);
        var areas = Mask(query.BodyAreas);
        var kinds = Mask(query.Kinds);
        var positions = Mask(query.Positions);
        var available = query.EquipmentAvailable is null ? (int?)null : Mask(query.EquipmentAvailable);
        var difficulties = query.Difficulties.Aggregate(0, (m, d) => m | (1 << d));

        var matches = new List<(Entry Entry, int Rank)>();
        foreach (var entry in _entries)
        {
            if ((areas != 0 && (entry.Areas & areas) == 0)
                || (kinds != 0 && (entry.Kind & kinds) == 0)
                || (positions != 0 && (entry.Position & positions) == 0)
                || (available is { } have && (entry.Equipment & ~have) != 0)
                || (difficulties != 0 && (entry.Difficulty & difficulties) == 0)
                || (query.MaxMinutes is { } max && entry.Exercise.Dose.EstimatedMinutes > max))
            {
                continue;
            }
            if (words.Length == 0)
            {
                matches.Add((entry, 0));
            }
            else if (entry.Rank(words, phrase) is { } rank)
            {
                matches.Add((entry, rank));
            }
        }

        // Ranks only differ when searching; the stable sort keeps name order within a rank.
        var ordered = words.Length == 0 ? matches : matches.OrderBy(m => m.Rank).ToList();
        var items = ordered
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(m => m.Entry.Exercise)
            .ToArray();
        return new ExercisePage(items, matches.Count, query.Page, query.PageSize);
    }

    private static int Mask<T>(IEnumerable<T> values) where T : struct, Enum =>
        values.Aggregate(0, (m, v) => m | (1 << Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Lower case, apostrophes dropped, other punctuation as spaces: "Child's pose" finds "childs pose".</summary>
    internal static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('\'' or '\u2019'))
            {
                sb.Append(' ');
            }
        }
        return sb.ToString();
    }

    private sealed class Entry
    {
        public Entry(Exercise e)
        {
            Exercise = e;
            Name = " " + string.Join(' ', Normalize(e.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            Aliases = " " + string.Join(" | ", e.Aliases.Select(a => string.Join(' ', Normalize(a).Split(' ', StringSplitOptions.RemoveEmptyEntries))));
            Areas = Mask(e.BodyAreas);
            Kind = 1 << (int)e.Kind;
            Position = 1 << (int)e.Position;
            Equipment = Mask(e.Equipment);
            Difficulty = 1 << e.Difficulty;
        }

        public Exercise Exercise { get; }
        private string Name { get; }
        private string Aliases { get; }
        public int Areas { get; }
        public int Kind { get; }
        public int Position { get; }
        public int Equipment { get; }
        public int Difficulty { get; }

        /// <summary>
        /// Null when some word is in neither the name nor an alias. Otherwise lower is better:
        /// the name starts with the phrase, then the name holds every word, then the aliases do.
        /// Words match at the start of a word, so "hip" finds "hip flexor" but not "chip".
        /// </summary>
        public int? Rank(string[] words, string phrase)
        {
            var inName = true;
            foreach (var w in words)
            {
                var needle = " " + w;
                if (!Name.Contains(needle, StringComparison.Ordinal))
                {
                    inName = false;
                    if (!Aliases.Contains(needle, StringComparison.Ordinal))
                    {
                        return null;
                    }
                }
            }
            if (!inName)
            {
                return 2;
            }
            return Name.StartsWith(" " + phrase, StringComparison.Ordinal) ? 0 : 1;
        }
    }
}
