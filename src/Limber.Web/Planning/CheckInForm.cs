using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Limber.Storage;
using Limber.Web.Hosting;

namespace Limber.Web.Planning;

/// <summary>
/// The daily check-in as the check-in page's form holds it: the text of every field, as typed or chosen, so it can be
/// shown again. <see cref="ToCheckIn"/> judges it with <see cref="CheckInApi.Read"/>, so the page and
/// POST /api/v1/me/checkins accept and refuse the same check-ins; only the words of the problems differ.
/// </summary>
public sealed class CheckInAnswers
{
    public const string LegQuestion = "Do you have pain, tingling or weakness going down a leg?";
    public const string NumbnessQuestion = "Do you have any numbness or tingling?";
    public const string BladderQuestion = "Has there been any change in your bladder or bowel control?";

    /// <summary>The page's fields, in the order of the form: the error summary lists problems in this order.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["painNow", "legSymptoms", "numbness", "bladderOrBowelChange", "stiffness", "morningStiffnessMinutes", "whereFelt", "whatHelped", "note"];

    /// <summary>0-10 as typed or chosen; empty when not given.</summary>
    public string PainNow { get; set; } = "";

    public string Stiffness { get; set; } = "";

    public string MorningStiffnessMinutes { get; set; } = "";

    public List<string> WhereFelt { get; } = [];

    /// <summary>"yes", "no", or empty when not answered.</summary>
    public string LegSymptoms { get; set; } = "";

    public string Numbness { get; set; } = "";

    public string BladderOrBowelChange { get; set; } = "";

    public List<string> WhatHelped { get; } = [];

    public string Note { get; set; } = "";

    /// <summary>The answers of a stored check-in, to change.</summary>
    public static CheckInAnswers From(CheckIn checkIn)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        var answers = new CheckInAnswers
        {
            PainNow = checkIn.PainNow.ToString(CultureInfo.InvariantCulture),
            Stiffness = checkIn.Stiffness?.ToString(CultureInfo.InvariantCulture) ?? "",
            MorningStiffnessMinutes = checkIn.MorningStiffnessMinutes?.ToString(CultureInfo.InvariantCulture) ?? "",
            LegSymptoms = YesNo(checkIn.LegSymptoms),
            Numbness = YesNo(checkIn.Numbness),
            BladderOrBowelChange = YesNo(checkIn.BladderOrBowelChange),
            Note = checkIn.Note ?? "",
        };
        answers.WhereFelt.AddRange(checkIn.WhereFelt);
        answers.WhatHelped.AddRange(checkIn.WhatHelped);
        return answers;
    }

    /// <summary>The answers as a form posted them.</summary>
    public static CheckInAnswers From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var answers = new CheckInAnswers
        {
            PainNow = form["painNow"].ToString().Trim(),
            Stiffness = form["stiffness"].ToString().Trim(),
            MorningStiffnessMinutes = form["morningStiffnessMinutes"].ToString().Trim(),
            LegSymptoms = form["legSymptoms"].ToString().Trim(),
            Numbness = form["numbness"].ToString().Trim(),
            BladderOrBowelChange = form["bladderOrBowelChange"].ToString().Trim(),
            // Browsers send a line break as CR LF; count it as one character, as the text box does.
            Note = form["note"].ToString().ReplaceLineEndings("\n"),
        };
        answers.WhereFelt.AddRange(form["whereFelt"].OfType<string>());
        answers.WhatHelped.AddRange(form["whatHelped"].OfType<string>());
        return answers;
    }

    /// <summary>
    /// The check-in for <paramref name="today"/>, judged as the API judges it, or null after naming each problem by
    /// the page field it is about (one of <see cref="Fields"/>), in words for the page.
    /// </summary>
    public NewCheckIn? ToCheckIn(DateOnly today, Action<string, string> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var body = new JsonObject();
        Number(body, "painNow", PainNow);
        Number(body, "stiffness", Stiffness);
        Number(body, "morningStiffnessMinutes", MorningStiffnessMinutes);
        Flag(body, "legSymptoms", LegSymptoms);
        Flag(body, "numbness", Numbness);
        Flag(body, "bladderOrBowelChange", BladderOrBowelChange);
        if (WhereFelt.Count > 0)
        {
            body["whereFelt"] = new JsonArray([.. WhereFelt.Select(w => (JsonNode)JsonValue.Create(w))]);
        }
        if (WhatHelped.Count > 0)
        {
            body["whatHelped"] = new JsonArray([.. WhatHelped.Select(w => (JsonNode)JsonValue.Create(w))]);
        }
        if (Note.Trim().Length > 0)
        {
            body["note"] = Note;
        }

        var errors = new FieldErrors();
        NewCheckIn? checkIn;
        using (var document = JsonDocument.Parse(body.ToJsonString()))
        {
            checkIn = CheckInApi.Read(document.RootElement, today, errors);
        }
        if (!errors.Any)
        {
            return checkIn;
        }
        var named = errors.ToProblem("").ProblemDetails.Errors
            .Select(e => PageField(e.Key))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(f => Fields.Contains(f, StringComparer.Ordinal) ? Fields.TakeWhile(g => g != f).Count() : Fields.Count);
        foreach (var field in named)
        {
            problem(field, Message(field));
        }
        return null;
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>A number as JSON when it is one; other text is passed on as text, for the rules to refuse.</summary>
    private static void Number(JsonObject body, string field, string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        body[field] = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : JsonValue.Create(text);
    }

    private static void Flag(JsonObject body, string field, string text)
    {
        switch (text)
        {
            case "":
                return;
            case "yes":
                body[field] = true;
                break;
            case "no":
                body[field] = false;
                break;
            default:
                body[field] = text;
                break;
        }
    }

    /// <summary>The page field a problem's JSON path is about: whereFelt[2] is the whereFelt group.</summary>
    private static string PageField(string path)
    {
        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        return bracket >= 0 ? path[..bracket] : path;
    }

    private static string Message(string field) => field switch
    {
        "painNow" => "Choose how much your back hurts now, from 0 (no pain) to 10 (the worst pain you can imagine).",
        "legSymptoms" => $"Answer yes or no: {LegQuestion}",
        "numbness" => $"Answer yes or no: {NumbnessQuestion}",
        "bladderOrBowelChange" => $"Answer yes or no: {BladderQuestion}",
        "stiffness" => "Choose how stiff your back is, from 0 to 10, or choose \"Skip\".",
        "morningStiffnessMinutes" =>
            $"Enter the minutes of stiffness after getting up as a whole number from 0 to {CheckInApi.MostStiffnessMinutes}, or leave it empty.",
        "whereFelt" => "Tick only the places listed.",
        "whatHelped" => "Tick only the things listed.",
        "note" => $"Keep the note to {CheckInApi.LongestNote} characters or fewer, as plain text.",
        _ => "Please check your answers and try again.",
    };
}
