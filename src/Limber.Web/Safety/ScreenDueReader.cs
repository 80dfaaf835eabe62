using Limber.Domain.Safety;
using Limber.Storage;

namespace Limber.Web.Safety;

/// <summary>
/// Whether the warning-sign screen is due again for a person (safety.md section 3), from what is stored: the last
/// full screen, the last recheck of the emergency items, whether a program is running, and the latest check-in
/// made since the last full screen (a screen answered after a check-in has already dealt with it), and the latest
/// stop in a session that asked the emergency items, until they have been asked again.
/// </summary>
public sealed class ScreenDueReader(ScreenRecords screens, CheckInRecords checkIns, ProgramRecords programs, SessionRecords sessions)
{
    public async Task<ScreenDue> DueAsync(Guid personId, DateOnly today, string? timeZoneId, int baselinePain, CancellationToken ct = default) =>
        await DueAsync(personId, today, timeZoneId, baselinePain, await programs.ActiveAsync(personId, ct) is not null, ct);

    /// <param name="programActive">Whether a program is running, when the caller has read it already.</param>
    public async Task<ScreenDue> DueAsync(
        Guid personId, DateOnly today, string? timeZoneId, int baselinePain, bool programActive, CancellationToken ct = default)
    {
        var lastFull = await screens.LatestTakenAsync(personId, ScreenKind.Full, ct);
        var lastRecheck = await screens.LatestTakenAsync(personId, ScreenKind.EmergencyRecheck, ct);
        var history = new ScreenHistory(
            PersonalDate.Of(lastFull, timeZoneId), PersonalDate.Of(lastRecheck, timeZoneId), AnswersEdited: false, programActive);

        CheckInSignals? signals = null;
        if (await checkIns.LatestAsync(personId, ct) is { } latest && (lastFull is null || latest.RecordedAt > lastFull))
        {
            signals = new CheckInSignals(latest.PainNow, baselinePain, latest.LegSymptoms, latest.Numbness, latest.BladderOrBowelChange);
        }
        var lastAsked = lastFull > lastRecheck ? lastFull : lastRecheck ?? lastFull;
        var emergencyStop = await sessions.LatestStopAsync(personId, StopAction.StopSessionAndRunEmergencyItems, ct) is { } stop
            && (lastAsked is null || stop > lastAsked);
        return ScreenSchedule.Due(history, today, signals, emergencyStop);
    }
}
