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

    public static string Of(RoutineAccess access) => access switch
    {
        RoutineAccess.Continue => "continue",
        RoutineAccess.GentleOptionsFirst => "gentleOptionsFirst",
        RoutineAccess.PausedUntilSeen => "pausedUntilSeen",
        RoutineAccess.LockedUntilCleared => "lockedUntilCleared",
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

/// <summary>The judged screen, with the advice and routine gate of its disposition (safety.md section 1).</summary>
public sealed record ScreenResultJson(string Disposition, IReadOnlyList<ScreenReasonJson> Reasons, string RulesVersion, string Heading, string WhatToDo, string Routines)
{
    public static ScreenResultJson From(ScreenResult result)
    {
        var advice = DispositionAdvice.For(result.Disposition);
        return new(
            SafetyWords.Of(result.Disposition),
            result.Reasons.Select(r => new ScreenReasonJson(r.Id, SafetyWords.Of(r.Answer), SafetyWords.Of(r.Disposition), r.Text)).ToArray(),
            result.RulesVersion,
            advice.Heading,
            advice.WhatToDo,
            SafetyWords.Of(advice.Routines));
    }
}

/// <summary>The body of POST /api/v1/safety/screen, for the OpenAPI description; the handler reads the JSON itself.</summary>
public sealed record ScreenRequestJson(int Age, bool FirstEpisode, IReadOnlyDictionary<string, string> Answers);
