using Limber.Domain.Progress;
using Limber.Domain.Safety;
using Limber.Storage;

namespace Limber.Web.Progress;

/// <summary>Why there is no progress to show yet. A closed set.</summary>
public enum ProgressBlock
{
    /// <summary>Progress is health data: it needs the consent.</summary>
    NoConsent,

    /// <summary>No onboarding answers yet: there is no baseline and no program.</summary>
    NoProfile,
}

/// <summary>The report, or why there is none.</summary>
public sealed record ProgressView(ProgressBlock? Block, ProgressReport? Report);

/// <summary>
/// The person's progress from what is stored: the program's start, the onboarding baseline, every check-in, every
/// session's date and every rating of the everyday activities. Read once per page or request; the report is pure.
/// </summary>
public sealed class ProgressReader(
    ConsentRecords consents, ProfileRecords profiles, ProgramRecords programs, CheckInRecords checkIns, SessionRecords sessions,
    ScreenRecords screens, TimeProvider time)
{
    public async Task<ProgressView> ReadAsync(Guid personId, CancellationToken ct = default)
    {
        if (await consents.CurrentAsync(personId, Consent.HealthData, ct) is null)
        {
            return new ProgressView(ProgressBlock.NoConsent, null);
        }
        if (await profiles.FindAsync(personId, ct) is not { } stored)
        {
            return new ProgressView(ProgressBlock.NoProfile, null);
        }
        var today = PersonalDate.Today(time, stored.Profile.TimeZoneId);
        var start = (await programs.ActiveAsync(personId, ct))?.StartedOn ?? today;
        var age = await screens.LatestAgeAsync(personId, ct);
        var input = await InputAsync(personId, start, today, stored.Profile.BaselinePain, age, stored.Profile.TimeZoneId, withSessions: true, ct);
        return new ProgressView(null, ProgressReport.Build(input));
    }

    /// <summary>
    /// The not-improving watch for a page that has read the plan already (Today): the consent, profile, program and age
    /// come from it, so only the check-ins and the activity ratings are read here.
    /// </summary>
    public async Task<WatchResult> WatchAsync(Guid personId, Limber.Web.Planning.PlanContext plan, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var profile = plan.Profile ?? throw new ArgumentException("The plan has no profile: read the watch only for a plan with no block.", nameof(plan));
        var input = await InputAsync(personId, plan.Started ?? plan.Today, plan.Today, profile.BaselinePain, profile.Age, plan.TimeZoneId, withSessions: false, ct);
        return ProgressReport.WatchOf(input);
    }

    private async Task<ProgressInput> InputAsync(
        Guid personId, DateOnly start, DateOnly today, int baselinePain, int? age, string? timeZoneId, bool withSessions, CancellationToken ct)
    {
        var entries = await checkIns.ListAsync(personId, start, today, ct);
        var dates = withSessions ? await sessions.DatesAsync(personId, start, today, ct) : [];
        var (baseline, activity) = ActivityScores(await profiles.HistoryAsync(personId, ct), timeZoneId);
        return new ProgressInput(
            start, today, baselinePain, baseline, age ?? 0,
            [.. entries.Select(c => new CheckInEntry(c.Date, c.PainNow, c.Stiffness, c.MorningStiffnessMinutes, c.WhatHelped))],
            dates,
            activity);
    }

    /// <summary>
    /// The everyday-activity score (the mean of the activities' latest ratings) as first given, and again on each day
    /// any rating changed after that (safety.md section 6: the patient-specific activity scale).
    /// </summary>
    public static (double Baseline, IReadOnlyList<DatedScore> Later) ActivityScores(IReadOnlyList<ProfileActivity> history, string? timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (history.Count == 0)
        {
            return (0, []);
        }
        var latest = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var scores = new List<DatedScore>();
        foreach (var day in history.GroupBy(h => PersonalDate.Of(h.RecordedAt, timeZoneId)).OrderBy(g => g.Key))
        {
            foreach (var rating in day.OrderBy(r => r.RecordedAt))
            {
                latest[rating.Name] = rating.Score;
            }
            scores.Add(new DatedScore(day.Key, latest.Values.Average()));
        }
        return (scores[0].Score, scores.Skip(1).ToList());
    }
}
