using System.Text.RegularExpressions;
using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Safety;

/// <summary>
/// product.md "Words we use and avoid": nothing the safety rules say may claim to treat, cure, relieve or diagnose,
/// nor call anyone "all clear". Every text a person can see from this folder is checked.
/// </summary>
public partial class SafetyWordsTests
{
    [GeneratedRegex(@"all[\s-]+clear|\btreat|\bcur(e|es|ed|ing)\b|\breliev|\bdiagnos|clinically proven", RegexOptions.IgnoreCase)]
    private static partial Regex Avoided();

    public static IEnumerable<string> EveryText()
    {
        foreach (var item in WarningSignScreen.Items)
        {
            yield return item.Group;
            yield return item.Question;
            yield return item.Explanation;
        }
        foreach (var id in Screens.Ids)
        {
            foreach (var answer in new[] { Answer.Yes, Answer.Unsure })
            {
                foreach (var (age, first) in new[] { (35, false), (54, true), (18, true) })
                {
                    foreach (var reason in Screens.Judge(age, first, (id, answer), ("fever_chills", Answer.Yes), ("upper_belly_pain", Answer.Yes)).Reasons)
                    {
                        yield return reason.Text;
                    }
                }
            }
        }
        foreach (var disposition in Enum.GetValues<Disposition>())
        {
            var outcome = DispositionAdvice.For(disposition);
            yield return outcome.Heading;
            yield return outcome.WhatToDo;
        }
        foreach (var error in WarningSignScreen.Validate(15, null, new Dictionary<string, string?> { ["x"] = "y", ["cancer_history"] = "q" }).Errors)
        {
            yield return error.Message;
        }
        foreach (var error in WarningSignScreen.Validate(null, false, null).Errors.Concat(WarningSignScreen.Validate(111, false, null).Errors))
        {
            yield return error.Message;
        }
    }

    [Fact]
    public void Nothing_the_screen_says_uses_words_we_avoid()
    {
        var texts = EveryText().ToList();
        texts.Count.ShouldBeGreaterThan(100);
        texts.Where(t => Avoided().IsMatch(t)).ShouldBeEmpty();
    }
}
