using Limber.Domain.Catalogue;
using Limber.Domain.Safety;

namespace Limber.Web.Safety;

// Enum values go on the wire as their camelCase names (ContentName), like every other enum of the API.
public sealed record SafetyItemJson(string Id, string Group, string Question, string Explanation, string YesGives);

public sealed record SafetyItemsJson(IReadOnlyList<SafetyItemJson> Items, string RulesVersion)
{
    public static SafetyItemsJson Current { get; } = new(
        WarningSignScreen.Items.Select(i => new SafetyItemJson(i.Id, i.Group, i.Question, i.Explanation, ContentName.Of(i.YesGives))).ToArray(),
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
            ContentName.Of(result.Disposition),
            result.Reasons.Select(r => new ScreenReasonJson(r.Id, ContentName.Of(r.Answer), ContentName.Of(r.Disposition), r.Text)).ToArray(),
            result.RulesVersion,
            advice.Heading,
            advice.WhatToDo,
            ContentName.Of(advice.Routines));
    }
}

/// <summary>The body of POST /api/v1/safety/screen, for the OpenAPI description; the handler reads the JSON itself.</summary>
public sealed record ScreenRequestJson(int Age, bool FirstEpisode, IReadOnlyDictionary<string, string> Answers);
