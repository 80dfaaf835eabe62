using System.Security.Cryptography;
using System.Text;
using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Safety;

/// <summary>
/// Every judged screen is stored with <see cref="WarningSignScreen.RulesVersion"/>, so a rule must not change
/// under the same version. The checksum covers the items table (every field) and the behaviour of the rules:
/// every single answer and every pair of answers, at the ages where rules change, with and without a first episode.
/// </summary>
public class RulesVersionTests
{
    // When this test fails after a deliberate change to the screen: bump WarningSignScreen.RulesVersion,
    // paste the new checksum here, and update docs/safety-rules.md.
    private const string PinnedVersion = "safety-2026.11.1";
    private const string PinnedChecksum = "7219c5f2a8f5c83a";

    // Each age sits on one side of a boundary: under 20, 20, 49, 50, and the ends of the range.
    private static readonly int[] Ages = [16, 19, 20, 49, 50, 110];

    [Fact]
    public void The_rules_version_changes_whenever_the_rules_table_changes()
    {
        (WarningSignScreen.RulesVersion, Checksum()).ShouldBe((PinnedVersion, PinnedChecksum),
            "The warning-sign rules changed. Bump WarningSignScreen.RulesVersion, then pin the new version and checksum in this test.");
    }

    [Fact]
    public void The_checksum_notices_a_change_of_one_word()
    {
        var text = Fingerprint();
        Hash(text.Replace("back passage", "back-passage", StringComparison.Ordinal)).ShouldNotBe(Hash(text));
    }

    internal static string Checksum() => Hash(Fingerprint());

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    private static string Fingerprint()
    {
        var text = new StringBuilder();
        foreach (var item in WarningSignScreen.Items)
        {
            text.AppendLine(string.Join("|", item.Id, item.Group, item.Question, item.Explanation, item.YesGives, item.Source));
        }
        text.AppendLine(string.Join("|", WarningSignScreen.MinimumAge, WarningSignScreen.MaximumAge, string.Join(",", WarningSignScreen.EmergencyItems.Select(i => i.Id))));
        var ids = Screens.Ids;
        var answered = new[] { Answer.Yes, Answer.Unsure };
        var screens = new List<(string Id, Answer Answer)[]> { Array.Empty<(string, Answer)>() };
        for (var i = 0; i < ids.Count; i++)
        {
            foreach (var a in answered)
            {
                screens.Add([(ids[i], a)]);
                for (var j = i + 1; j < ids.Count; j++)
                {
                    foreach (var b in answered)
                    {
                        screens.Add([(ids[i], a), (ids[j], b)]);
                    }
                }
            }
        }
        foreach (var age in Ages)
        {
            foreach (var first in new[] { false, true })
            {
                foreach (var answers in screens)
                {
                    var result = Screens.Judge(age, first, answers);
                    text.Append(age).Append(first ? 'F' : '-').Append(string.Join(",", answers.Select(x => $"{x.Id}={x.Answer}")))
                        .Append("=>").Append(result.Disposition);
                    foreach (var reason in result.Reasons)
                    {
                        text.Append('|').Append(reason.Id).Append(':').Append(reason.Answer).Append(':').Append(reason.Disposition).Append(':').Append(reason.Text);
                    }
                    text.AppendLine();
                }
            }
        }
        return text.ToString();
    }
}
