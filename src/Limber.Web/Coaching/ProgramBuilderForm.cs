using System.Globalization;
using Limber.Domain.Catalogue;
using Limber.Domain.Coaching;
using Limber.Domain.Planning;
using Limber.Domain.Safety;

namespace Limber.Web.Coaching;

/// <summary>One exercise of the builder's working draft, as the form holds it: every value as typed.</summary>
public sealed class ProgramBuilderRow
{
    public string ExerciseId { get; set; } = "";

    /// <summary>The dose values by field (holdSeconds, reps, sets, durationSeconds), only those the exercise uses.</summary>
    public Dictionary<string, string> Dose { get; } = new(StringComparer.Ordinal);

    public string MaxLevelsUp { get; set; } = "0";

    public string Note { get; set; } = "";

    /// <summary>Where the client's dose of it stands now, in words, when the coach was last shown it; for display only.</summary>
    public string? Now { get; set; }
}

/// <summary>
/// The program builder's working draft (issue 10), kept in the form itself so that it survives every post without
/// JavaScript or a session on the server: the name, the rows in order and the thresholds, each value as typed. The
/// builder's buttons change it (<see cref="Move"/>, <see cref="Remove"/>, <see cref="Add"/>), and <see cref="ToDraft"/>
/// reads it for <see cref="CoachProgramRules"/>, the same checks as the API's.
/// </summary>
public sealed class ProgramBuilderForm
{
    /// <summary>The most rows read from a post: a few more than a program may have, so that too many is reported, not cut.</summary>
    private const int MostRowsRead = CoachProgramRules.MostItems + 10;

    public string Name { get; set; } = "";

    public List<ProgramBuilderRow> Rows { get; } = [];

    /// <summary>The thresholds by field (<see cref="CoachThreshold.Field"/>), as typed.</summary>
    public Dictionary<string, string> Thresholds { get; } = new(StringComparer.Ordinal);

    /// <summary>The input name of a row's field: items[2].reps.</summary>
    public static string Field(int index, string field) => $"items[{index}].{field}";

    /// <summary>The input name of a threshold: thresholds.regressWorstPainAbove.</summary>
    public static string ThresholdField(CoachThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return "thresholds." + threshold.Field;
    }

    /// <summary>The draft as the builder posted it.</summary>
    public static ProgramBuilderForm From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var result = new ProgramBuilderForm { Name = form["name"].ToString() };
        for (var i = 0; i < MostRowsRead && form.ContainsKey(Field(i, "exerciseId")); i++)
        {
            var row = new ProgramBuilderRow
            {
                ExerciseId = form[Field(i, "exerciseId")].ToString(),
                MaxLevelsUp = form[Field(i, "maxLevelsUp")].ToString(),
                Note = form[Field(i, "note")].ToString(),
                Now = form.TryGetValue(Field(i, "now"), out var now) && now.ToString().Length > 0 ? now.ToString() : null,
            };
            foreach (var variable in CoachDoseVariable.All)
            {
                if (form.TryGetValue(Field(i, variable.Field), out var value))
                {
                    row.Dose[variable.Field] = value.ToString();
                }
            }
            result.Rows.Add(row);
        }
        foreach (var threshold in CoachThreshold.All)
        {
            result.Thresholds[threshold.Field] = form[ThresholdField(threshold)].ToString();
        }
        return result;
    }

    /// <summary>The draft of a program as a coach sees it: theirs, or Limber's plan as a starting point.</summary>
    public static ProgramBuilderForm From(CoachProgramView view, ProgressionSettings deployment)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(deployment);
        var result = new ProgramBuilderForm { Name = view.Source == CoachProgramSource.Coach ? view.Name : CoachPrograms.StartingName };
        foreach (var entry in view.Items)
        {
            result.Rows.Add(RowOf(entry.Item, entry.Exercise, entry.Current));
        }
        result.SetThresholds(view.Thresholds ?? deployment);
        return result;
    }

    /// <summary>This draft with the template's name and exercises instead of its own; the thresholds stay, being the client's.</summary>
    public void StartFrom(ProgramTemplate template, ExerciseCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(catalogue);
        Name = template.Name;
        Rows.Clear();
        Rows.AddRange(template.Items.Select(i => RowOf(i, catalogue.Find(i.ExerciseId), null)));
    }

    public void SetThresholds(ProgressionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var threshold in CoachThreshold.All)
        {
            Thresholds[threshold.Field] = threshold.Text(settings);
        }
    }

    /// <summary>A new row for the exercise at its catalogue dose, last in the list.</summary>
    public void Add(Exercise exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        Rows.Add(RowOf(CoachPrograms.Starting(exercise, exercise.Dose), exercise, null));
    }

    /// <summary>Moves a row one place up (-1) or down (+1); false when there is no such row or place.</summary>
    public bool Move(int index, int by)
    {
        var to = index + by;
        if (index < 0 || index >= Rows.Count || to < 0 || to >= Rows.Count)
        {
            return false;
        }
        (Rows[index], Rows[to]) = (Rows[to], Rows[index]);
        return true;
    }

    public bool Remove(int index)
    {
        if (index < 0 || index >= Rows.Count)
        {
            return false;
        }
        Rows.RemoveAt(index);
        return true;
    }

    /// <summary>
    /// The draft for <see cref="CoachProgramRules"/>, with what cannot be read reported to <paramref name="report"/> (field,
    /// message) and left out. A dose value the exercise uses must be given (the form shows exactly those). Thresholds all
    /// equal to the deployment's are null: the client then follows the deployment's, even when it changes them later.
    /// </summary>
    public CoachProgramDraft ToDraft(ExerciseCatalogue catalogue, ProgressionSettings deployment, Action<string, string> report)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(report);
        var items = new List<CoachProgramDraftItem>(Rows.Count);
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            var exercise = catalogue.Find(row.ExerciseId);
            var name = exercise?.Name ?? $"Exercise {i + 1}";
            int? Number(string field, string label, bool required)
            {
                var text = row.Dose.TryGetValue(field, out var t) ? t.Trim() : field == "maxLevelsUp" ? row.MaxLevelsUp.Trim() : "";
                if (text.Length == 0)
                {
                    if (required)
                    {
                        report(Field(i, field), $"{name}, {label}: give a number.");
                    }
                    return null;
                }
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
                report(Field(i, field), $"{name}, {label}: \"{Clip(text)}\" is not a whole number.");
                return null;
            }
            int? Dose(string field)
            {
                var variable = CoachDoseVariable.All.First(v => v.Field == field);
                // Only the variables the exercise uses are on the form; any other sent is passed on, for the rules to refuse.
                var used = exercise is not null && variable.Get(exercise.Dose) is not null;
                return used || row.Dose.ContainsKey(field) ? Number(field, variable.Label, required: used) : null;
            }
            items.Add(new CoachProgramDraftItem(row.ExerciseId, Dose("holdSeconds"), Dose("reps"), Dose("sets"), Dose("durationSeconds"),
                Number("maxLevelsUp", "Steps up allowed", required: true) ?? 0, row.Note));
        }

        var settings = deployment;
        foreach (var threshold in CoachThreshold.All)
        {
            var field = ThresholdField(threshold);
            var text = Thresholds.TryGetValue(threshold.Field, out var t) ? t.Trim() : "";
            if (text.Length == 0)
            {
                report(field, $"\"{threshold.Label}\": give a number (this Limber's is {threshold.Text(deployment)}).");
            }
            else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)
                || (threshold.Whole && (value != Math.Floor(value) || value is < int.MinValue or > int.MaxValue)))
            {
                report(field, $"\"{threshold.Label}\": \"{Clip(text)}\" is not {(threshold.Whole ? "a whole number" : "a number")}.");
            }
            else
            {
                settings = threshold.Set(settings, value);
            }
        }
        return new CoachProgramDraft(Name, items, settings == deployment ? null : settings);
    }

    private static ProgramBuilderRow RowOf(Prescription item, Exercise? exercise, CurrentDose? current)
    {
        var row = new ProgramBuilderRow
        {
            ExerciseId = item.ExerciseId,
            MaxLevelsUp = item.MaxLevelsUp.ToString(CultureInfo.InvariantCulture),
            Note = item.Note ?? "",
            Now = current is null ? null : NowText(current),
        };
        foreach (var variable in exercise is null ? [] : CoachDoseVariable.Of(exercise))
        {
            row.Dose[variable.Field] = variable.Get(item.Dose)?.ToString(CultureInfo.InvariantCulture) ?? "";
        }
        return row;
    }

    /// <summary>"Hold 35 seconds, 3 times on each side (one step up, since 24 November)".</summary>
    public static string NowText(CurrentDose current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var steps = current.Level switch
        {
            0 => "the starting dose",
            1 => "one step up",
            -1 => "one step back",
            > 0 => $"{current.Level} steps up",
            < 0 => $"{-current.Level} steps back",
        };
        var since = current.ChangedOn is { } day ? $", since {day.ToString("d MMMM", CultureInfo.InvariantCulture)}" : "";
        return $"{current.Dose.Describe()} ({steps}{since})";
    }

    private static string Clip(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
