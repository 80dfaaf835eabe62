using Limber.Domain.Planning;
using Limber.Domain.Safety;

namespace Limber.Web.Coaching;

/// <summary>
/// The dose rules' decision on one session's feedback on its own, as the dashboard asks it for every exercise of every
/// client's recent sessions (about 9,500 for 200 clients), remembered by what it is made from. That decision depends on
/// the scores, the feedback, the next morning, the client's baseline and the thresholds alone, not on the day nor the
/// exercise, so a few hundred distinct answers serve a whole dashboard: the same <see cref="ProgressionDecision"/>
/// <see cref="DoseProgression.Decide"/> gives, without building its reasons again each time.
/// </summary>
/// <remarks>Made for one dashboard and used by one thread at a time: it is not safe for concurrent use.</remarks>
public sealed class SessionDoseDecisions
{
    private readonly Dictionary<Key, ProgressionDecision> _known = [];

    /// <summary>
    /// <see cref="DoseProgression.Decide"/> for <paramref name="entry"/> as the only session, with its next morning, no
    /// regressions before it and no weekly means.
    /// </summary>
    public ProgressionDecision Decide(ExerciseFeedbackEntry entry, NextMorning? next, int baselinePain, ProgressionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(settings);
        var key = new Key(settings, baselinePain, entry.BaselinePain, entry.WorstPain, entry.Feedback, next);
        if (!_known.TryGetValue(key, out var decision))
        {
            decision = DoseProgression.Decide(new ProgressionInput(
                [new SessionFeedback(entry.Date, entry.BaselinePain, entry.WorstPain, entry.Feedback, next)], 0, [], baselinePain), settings);
            _known.Add(key, decision);
        }
        return decision;
    }

    /// <summary>Everything the decision on one session depends on (the settings and the next morning by value).</summary>
    private readonly record struct Key(
        ProgressionSettings Settings, int BaselinePain, int SessionBaselinePain, int WorstPain, ExerciseFeedback Feedback, NextMorning? Next);
}
