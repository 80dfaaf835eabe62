using Limber.Domain.Safety;

namespace Limber.Web.Safety;

/// <summary>The screen's words on the wire: lower-case dispositions and answers, as the API documents them.</summary>
public static class SafetyWords
{
    public static string Of(Disposition disposition) => disposition switch
    {
        Disposition.None => "none",
        Disposition.Routine => "routine",
        Disposition.Urgent => "urgent",
        Disposition.Emergency => "emergency",
    };

    public static string Of(Answer answer) => answer switch
    {
        Answer.No => "no",
        Answer.Yes => "yes",
        Answer.Unsure => "unsure",
    };
}

public sealed record SafetyItemJson(string Id, string Group, string Question, string Explanation, string YesGives);

public sealed record SafetyItemsJson(IReadOnlyList<SafetyItemJson> Items, string RulesVersion)
{
    public static SafetyItemsJson Current { get; } = new(
        WarningSignScreen.Items.Select(i => new SafetyItemJson(i.Id, i.Group, i.Question, i.Explanation, SafetyWords.Of(i.YesGives))).ToArray(),
        WarningSignScreen.RulesVersion);
}

public sealed record ScreenReasonJson(string Id, string Answer, string Disposition, string Text);

public sealed record ScreenResultJson(string Disposition, IReadOnlyList<ScreenReasonJson> Reasons, string RulesVersion)
{
    public static ScreenResultJson From(ScreenResult result) => new(
        SafetyWords.Of(result.Disposition),
        result.Reasons.Select(r => new ScreenReasonJson(r.Id, SafetyWords.Of(r.Answer), SafetyWords.Of(r.Disposition), r.Text)).ToArray(),
        result.RulesVersion);
}

/// <summary>The body of POST /api/v1/safety/screen, for the OpenAPI description; the handler reads the JSON itself.</summary>
public sealed record ScreenRequestJson(int Age, bool FirstEpisode, IReadOnlyDictionary<string, string> Answers);
