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
        var entries = await checkIns.ListAsync(personId, start, today, ct);
        var dates = await sessions.DatesAsync(personId, start, today, ct);
        var (baseline, activity) = ActivityScores(await profiles.HistoryAsync(personId, ct), stored.Profile.TimeZoneId);
        var age = await screens.LatestAgeAsync(personId, ct);
        return new ProgressView(null, ProgressReport.Build(new ProgressInput(
            start, today, stored.Profile.BaselinePain, baseline, age ?? 0,
            [.. entries.Select(c => new CheckInEntry(c.Date, c.PainNow, c.Stiffness, c.MorningStiffnessMinutes, c.WhatHelped))],
            dates,
            activity)));
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
