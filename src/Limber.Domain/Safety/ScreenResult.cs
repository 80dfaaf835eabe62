namespace Limber.Domain.Safety;

/// <summary>
/// One reason behind a screen's outcome: an item answered yes or unsure, or a derived rule that applied.
/// </summary>
/// <param name="Id">The item id, or the derived rule's id (<c>age_first_episode</c>).</param>
/// <param name="Answer">The person's answer; derived rules are always <see cref="Answer.Yes"/>.</param>
/// <param name="Disposition">What this reason gives for this person; may be <see cref="Disposition.None"/> (e.g. unsure on a routine item), yet it is still shown.</param>
/// <param name="Text">The reason in plain words, to show the person (and their coach).</param>
public sealed record ScreenReason(string Id, Answer Answer, Disposition Disposition, string Text);

/// <summary>
/// The judged screen: the highest disposition of the reasons (None when there are none), every reason
/// ordered by disposition, most serious first, then in item order, and the rules version that judged it.
/// </summary>
public sealed record ScreenResult(Disposition Disposition, IReadOnlyList<ScreenReason> Reasons, string RulesVersion);
