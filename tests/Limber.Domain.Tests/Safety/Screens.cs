using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Safety;

/// <summary>Builds screens the way the web layer does: strings in, through Validate.</summary>
internal static class Screens
{
    public static IReadOnlyList<string> Ids { get; } = WarningSignScreen.Items.Select(i => i.Id).ToList();

    public static string Word(Answer answer) => answer switch
    {
        Answer.Yes => "yes",
        Answer.No => "no",
        Answer.Unsure => "unsure",
    };

    public static Dictionary<string, string?> AllNo() => Ids.ToDictionary(id => id, _ => (string?)"no");

    public static CompleteScreen Complete(int age, bool firstEpisode, IEnumerable<(string Id, Answer Answer)> answers)
    {
        var words = AllNo();
        foreach (var (id, answer) in answers)
        {
            words.ContainsKey(id).ShouldBeTrue($"{id} is not an item");
            words[id] = Word(answer);
        }
        var validation = WarningSignScreen.Validate(age, firstEpisode, words);
        validation.Errors.ShouldBeEmpty();
        return validation.Screen!;
    }

    public static CompleteScreen CompleteInItemOrder(int age, bool firstEpisode, IReadOnlyList<Answer> answersInItemOrder) =>
        Complete(age, firstEpisode, Ids.Zip(answersInItemOrder));

    public static ScreenResult Judge(int age, bool firstEpisode, params (string Id, Answer Answer)[] answers) =>
        WarningSignScreen.Judge(Complete(age, firstEpisode, answers));

    /// <summary>"id=yes other=unsure" → pairs; the compact form the tables below use.</summary>
    public static (string Id, Answer Answer)[] Parse(string spec) =>
        spec.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .Select(p => (p[0], p[1] switch
            {
                "yes" => Answer.Yes,
                "no" => Answer.No,
                "unsure" => Answer.Unsure,
                _ => throw new ArgumentException(p[1]),
            }))
            .ToArray();

    /// <summary>The test's own statement of "one level below", independent of the domain's.</summary>
    public static Disposition OneBelow(Disposition d) => d switch
    {
        Disposition.Emergency => Disposition.Urgent,
        Disposition.Urgent => Disposition.Routine,
        Disposition.Routine => Disposition.None,
        Disposition.None => Disposition.None,
    };
}
