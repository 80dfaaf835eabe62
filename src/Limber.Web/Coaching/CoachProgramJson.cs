using Limber.Domain.Catalogue;
using Limber.Domain.Coaching;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Limber.Web.Catalogue;
using Limber.Web.Planning;

namespace Limber.Web.Coaching;

/// <summary>One exercise of a program template: the catalogue exercise, the template's dose, its limit above it and its note.</summary>
public sealed record CoachTemplateItemJson(string ExerciseId, string Name, string Kind, DoseJson Dose, string DoseText, int MaxLevelsUp, string? Note);

/// <summary>A ready-made program a coach may start a client's program from.</summary>
public sealed record CoachTemplateJson(string Id, string Name, string Summary, IReadOnlyList<CoachTemplateItemJson> Items)
{
    public static CoachTemplateJson From(ProgramTemplate template, ExerciseCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(catalogue);
        return new(template.Id, template.Name, template.Summary,
            [.. template.Items.Select(i => new CoachTemplateItemJson(i.ExerciseId, catalogue.Find(i.ExerciseId)?.Name ?? i.ExerciseId,
                catalogue.Find(i.ExerciseId) is { } e ? ContentName.Of(e.Kind) : "unknown", DoseJson.From(i.Dose), i.Dose.Describe(), i.MaxLevelsUp, i.Note))]);
    }
}

/// <summary>Every program template, ordered by name.</summary>
public sealed record CoachTemplatesJson(IReadOnlyList<CoachTemplateJson> Templates);

/// <summary>Where adaptation has taken one exercise's dose, from the client's feedback.</summary>
/// <param name="Level">Rungs above (positive) or below (negative) the starting dose: the coach's dose in a coach's program.</param>
/// <param name="ChangedOn">The day of the session that last changed it; null when it never has.</param>
/// <param name="Reason">The latest decision's reason, in plain words.</param>
public sealed record CoachCurrentDoseJson(int Level, DoseJson Dose, string DoseText, string? ChangedOn, string Reason, bool AtTop);

/// <summary>One exercise of a client's program: the coach's dose and limit, the note, and the client's current dose.</summary>
/// <param name="MaxLevelsUp">How many rungs adaptation may raise the dose above <paramref name="Dose"/>.</param>
/// <param name="Current">The client's current dose from their feedback; left out before any.</param>
public sealed record CoachProgramItemJson(
    string ExerciseId, string Name, string Kind, DoseJson Dose, string DoseText, int MaxLevelsUp, string? Note, CoachCurrentDoseJson? Current);

/// <summary>
/// A client's program as their coach sees it. <paramref name="Source"/> is <c>coach</c> for a coach's program the
/// client follows, or <c>limber</c> for the routine Limber plans for them today, offered as a starting point.
/// </summary>
/// <param name="SetBy">The coach who set it; left out for Limber's plan.</param>
/// <param name="Thresholds">The coach's thresholds for the client's dose rules (safety.md section 5); left out when the deployment's apply.</param>
/// <param name="DefaultThresholds">The deployment's thresholds, which apply unless the coach sets others.</param>
/// <param name="Message">Why there is nothing to start from, when the list is empty.</param>
/// <param name="HandoutUrl">The printable handout of the program (a PDF), once a coach's program is set.</param>
public sealed record CoachProgramJson(
    Guid ClientId, string Source, string Name, string? SetBy, DateTimeOffset? UpdatedAt, IReadOnlyList<CoachProgramItemJson> Items,
    ProgressionSettings? Thresholds, ProgressionSettings DefaultThresholds, string? Message, string? HandoutUrl)
{
    public static CoachProgramJson From(Guid clientId, CoachProgramView view, ProgressionSettings deployment)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(deployment);
        return new(clientId, view.Source == CoachProgramSource.Coach ? "coach" : "limber", view.Name, view.SetBy, view.UpdatedAt,
            [.. view.Items.Select(Item)], view.Thresholds, deployment, view.Message,
            view.Source == CoachProgramSource.Coach ? CoachProgramApi.ApiHandoutPath(clientId) : null);
    }

    private static CoachProgramItemJson Item(CoachProgramEntry entry) => new(
        entry.Item.ExerciseId, entry.Exercise?.Name ?? entry.Item.ExerciseId, entry.Exercise is { } e ? ContentName.Of(e.Kind) : "unknown",
        DoseJson.From(entry.Item.Dose), entry.Item.Dose.Describe(), entry.Item.MaxLevelsUp, entry.Item.Note,
        entry.Current is { } c
            ? new CoachCurrentDoseJson(c.Level, DoseJson.From(c.Dose), c.Dose.Describe(), c.ChangedOn is { } d ? RequestValues.Day(d) : null, c.Reason, c.AtTop)
            : null);
}

/// <summary>The coach's program a person follows, as their routine and program show it: its name and who set it.</summary>
public sealed record CoachProgramSummaryJson(string Name, string CoachName, DateTimeOffset? UpdatedAt)
{
    public static CoachProgramSummaryJson? From(CoachProgramSummary? summary) =>
        summary is null ? null : new(summary.Name, summary.CoachName, summary.UpdatedAt);
}

/// <summary>The body of PUT /api/v1/coach/clients/{clientId}/program, for the OpenAPI description.</summary>
/// <param name="Name">The program's name, as the client sees it.</param>
/// <param name="Items">1–20 exercises in the coach's order.</param>
/// <param name="Thresholds">Thresholds for the client's dose rules, by the names of <see cref="ProgressionSettings"/>; any left out are the deployment's. Null or left out: the deployment's.</param>
public sealed record CoachProgramRequestJson(string Name, IReadOnlyList<CoachProgramItemRequestJson> Items, ProgressionSettings? Thresholds);

/// <summary>One exercise of a program as a coach sends it. A dose value left out is the catalogue's; one the exercise does not use is refused.</summary>
/// <param name="MaxLevelsUp">Rungs adaptation may raise the dose above this one, 0–10; 0 when left out.</param>
/// <param name="Note">A note for the client, at most 500 characters.</param>
public sealed record CoachProgramItemRequestJson(
    string ExerciseId, int? HoldSeconds, int? Reps, int? Sets, int? DurationSeconds, int? MaxLevelsUp, string? Note);
