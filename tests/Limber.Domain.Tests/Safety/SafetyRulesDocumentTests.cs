using System.Reflection;
using System.Text.RegularExpressions;
using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Safety;

/// <summary>
/// docs/safety-rules.md, the code and the tests agree: every rule id in the code has a row, every row's id is
/// in the code, and every test a row names exists. So a new rule cannot ship undocumented or untested.
/// </summary>
public partial class SafetyRulesDocumentTests
{
    private static readonly string Document = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "safety-rules.md"));

    private static readonly string SafetySource = string.Join("\n",
        Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src", "Limber.Domain", "Safety"), "*.cs").Select(File.ReadAllText));

    // A table row whose first cell is a code-formatted id: | `id` | … | tests |
    [GeneratedRegex(@"^\| `(?<id>[a-z0-9_.]+)` \|(?<rest>.*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex RuleRow();

    [GeneratedRegex(@"`(?<class>[A-Za-z]+Tests)\.(?<method>[A-Za-z0-9_]+)`")]
    private static partial Regex TestName();

    private static IReadOnlyList<string> CodeRuleIds() =>
    [
        .. WarningSignScreen.RuleIds, .. DispositionAdvice.RuleIds, .. ScreenSchedule.RuleIds,
        .. StopRules.RuleIds, .. DoseProgression.RuleIds, .. ImprovementWatch.RuleIds,
    ];

    private static Dictionary<string, string> Rows() =>
        RuleRow().Matches(Document).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["rest"].Value);

    [Fact]
    public void Every_rule_id_in_the_code_has_a_row_and_every_row_is_a_rule_in_the_code()
    {
        var documented = Rows().Keys.Order(StringComparer.Ordinal).ToList();
        var inCode = CodeRuleIds().Order(StringComparer.Ordinal).ToList();

        inCode.ShouldBeUnique();
        documented.ShouldBe(inCode);
    }

    [Fact]
    public void Every_rule_id_appears_in_the_safety_code_as_written()
    {
        foreach (var id in Rows().Keys)
        {
            SafetySource.ShouldContain($"\"{id}\"", Case.Sensitive, $"{id} is documented but not written in src/Limber.Domain/Safety");
        }
    }

    [Fact]
    public void Every_row_names_at_least_one_test_and_every_named_test_exists()
    {
        var tests = typeof(SafetyRulesDocumentTests).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(SafetyRulesDocumentTests).Namespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet(StringComparer.Ordinal);

        foreach (var (id, rest) in Rows())
        {
            var named = TestName().Matches(rest).Select(m => $"{m.Groups["class"].Value}.{m.Groups["method"].Value}").ToList();
            named.ShouldNotBeEmpty($"{id} names no test");
            named.Where(n => !tests.Contains(n)).ShouldBeEmpty($"{id} names tests that do not exist");
        }
        foreach (Match match in TestName().Matches(Document))
        {
            tests.ShouldContain($"{match.Groups["class"].Value}.{match.Groups["method"].Value}");
        }
    }

    [Fact]
    public void The_document_states_the_current_rules_version()
    {
        Document.ShouldContain($"**`{WarningSignScreen.RulesVersion}`**");
    }

    [Fact]
    public void Pragmatic_rules_are_marked_as_such()
    {
        foreach (var id in DoseProgression.RuleIds.Append(ImprovementWatch.NeedsEntries))
        {
            Rows()[id].ShouldContain("pragmatic", Case.Sensitive, id);
        }
    }
}
