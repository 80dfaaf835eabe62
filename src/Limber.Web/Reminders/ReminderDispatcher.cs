using System.Buffers.Text;
using Limber.Domain.Reminders;
using Limber.Storage;
using Limber.Web.Reminders.WebPush;

namespace Limber.Web.Reminders;

/// <summary>
/// Sends each due reminder once. Every round it plans further ahead where needed, then claims due reminders in small
/// batches and pushes each to the person's devices. A claim is a lease in the database, so another app instance on the
/// same database skips what this one holds, and one that died mid-send is taken over when its lease runs out. Sends
/// already under way finish when the app stops (they do not take the stop's cancellation), so a normal restart never
/// sends one twice; after a crash, the push message's Topic and the notification's tag make the browser show a repeat
/// as the same notification.
/// </summary>
public sealed class ReminderDispatcher(
    IServiceScopeFactory scopes, PushKeyring keyring, PushSettings settings, TimeProvider time, ILogger<ReminderDispatcher> log)
    : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private const int Batch = 32;
    private const int AtOnce = 8;
    private const int MostAttempts = 5;
    private DateTimeOffset _prunedAt = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Dispatch)
        {
            return;
        }
        using var timer = new PeriodicTimer(settings.DispatchEvery, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database hiccup: the due rows are still there, and the next round tries them.
                log.LogWarning(e, "Reminder dispatch round failed; the next round tries again.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: plan ahead, then send everything due now. Answers how many reminders were finished or put back.</summary>
    public async Task<int> RunOnceAsync(CancellationToken stoppingToken)
    {
        var handled = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var due = scope.ServiceProvider.GetRequiredService<DueReminderRecords>();
            while (await due.TopUpAsync(Zone, 200, stoppingToken) > 0 && !stoppingToken.IsCancellationRequested)
            {
            }
            var now = time.GetUtcNow();
            if (now - _prunedAt > TimeSpan.FromHours(6))
            {
                await due.PruneAsync(now - TimeSpan.FromDays(30), stoppingToken);
                _prunedAt = now;
            }
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<DueReminder> claimed;
            await using (var scope = scopes.CreateAsyncScope())
            {
                claimed = await scope.ServiceProvider.GetRequiredService<DueReminderRecords>().ClaimAsync(Lease, Batch, stoppingToken);
            }
            if (claimed.Count == 0)
            {
                break;
            }
            // Not the stopping token: a claimed reminder is seen through to its mark, so stopping never leaves it half-sent.
            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = AtOnce }, async (reminder, _) =>
            {
                await DeliverAsync(reminder, CancellationToken.None);
            });
            handled += claimed.Count;
        }
        return handled;
    }

    private static TimeZoneInfo? Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    private async Task DeliverAsync(DueReminder reminder, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var due = scope.ServiceProvider.GetRequiredService<DueReminderRecords>();
        var devices = scope.ServiceProvider.GetRequiredService<PushDeviceRecords>();
        var now = time.GetUtcNow();
        var late = now - reminder.DueAt;
        var useful = ReminderMessages.StaysUseful(reminder.Kind);
        if (late > useful)
        {
            await due.FinishAsync(reminder, DueState.Missed, $"Found {(int)late.TotalMinutes} minutes late, when it was no longer useful.", reminder.DeliveredTo, ct);
            return;
        }
        if (reminder.Kind == ReminderKind.Routine
            && await scope.ServiceProvider.GetRequiredService<ScreenRecords>().GateAsync(reminder.PersonId, ct) is { RoutinesAllowed: false })
        {
            // Safety first (safety.md section 1): no nudge towards a routine the warning-sign answers have put on hold.
            await due.FinishAsync(reminder, DueState.Held, "Not sent: routines are on hold until the warning-sign questions allow them.", reminder.DeliveredTo, ct);
            return;
        }
        var targets = (await devices.ListAsync(reminder.PersonId, ct)).Where(d => !reminder.DeliveredTo.Contains(d.Id.ToString())).ToList();
        if (targets.Count == 0)
        {
            await due.FinishAsync(reminder,
                reminder.DeliveredTo.Count > 0 ? DueState.Sent : DueState.NoDevice,
                reminder.DeliveredTo.Count > 0 ? Sent(reminder.DeliveredTo.Count) : "No device has notifications on.",
                reminder.DeliveredTo, ct);
            return;
        }

        var keys = await keyring.KeysAsync(ct);
        var sender = scope.ServiceProvider.GetRequiredService<PushSender>();
        var message = new PushMessage(
            ReminderMessages.Payload(reminder.Id, reminder.Kind, reminder.DueAt),
            TimeToLive: useful - late,
            Urgency: reminder.Kind == ReminderKind.DeskBreak ? PushUrgency.Normal : PushUrgency.High,
            // The same reminder sent again (after a crash mid-send) replaces the first at the push service.
            Topic: Base64Url.EncodeToString(reminder.Id.ToByteArray()));
        var delivered = new List<string>(reminder.DeliveredTo);
        TimeSpan? retryAfter = null;
        var refused = 0;
        foreach (var device in targets)
        {
            if (settings.Refusal(device.Endpoint) is not null)
            {
                // Subscribed when the operator allowed that host; no longer allowed, so no longer used.
                refused++;
                continue;
            }
            var target = new PushTarget(new Uri(device.Endpoint), Base64Url.DecodeFromChars(device.P256dh), Base64Url.DecodeFromChars(device.Auth));
            var outcome = await sender.SendAsync(target, message, keys, settings.Subject, time.GetUtcNow(), ct);
            switch (outcome.Result)
            {
                case PushResult.Delivered:
                    delivered.Add(device.Id.ToString());
                    await devices.DeliveredAsync(device.Id, ct);
                    break;
                case PushResult.Gone:
                    await devices.GoneAsync(device.Id, ct);
                    break;
                case PushResult.RetryLater:
                    retryAfter = Max(retryAfter, outcome.RetryAfter ?? TimeSpan.FromSeconds(30 << Math.Min(reminder.Attempts, 5)));
                    break;
                case PushResult.Rejected:
                    refused++;
                    await devices.FailedAsync(device.Id, ct);
                    log.LogWarning("A push service refused a reminder: {Status} {Detail}", outcome.StatusCode, outcome.Detail);
                    break;
            }
        }

        if (retryAfter is { } wait && reminder.Attempts < MostAttempts && late + wait < useful)
        {
            await due.RetryAsync(reminder, time.GetUtcNow() + wait, $"A push service asked to wait; trying again in {(int)wait.TotalSeconds} s.", delivered, ct);
            return;
        }
        var state = delivered.Count > 0 ? DueState.Sent : refused > 0 || retryAfter is not null ? DueState.Failed : DueState.NoDevice;
        var text = state switch
        {
            DueState.Sent => Sent(delivered.Count),
            DueState.Failed => "No device could be reached.",
            _ => "No device has notifications on.",
        };
        await due.FinishAsync(reminder, state, text, delivered, ct);
    }

    private static string Sent(int devices) => devices == 1 ? "Sent to 1 device." : $"Sent to {devices} devices.";

    private static TimeSpan Max(TimeSpan? a, TimeSpan b) => a is { } x && x > b ? x : b;
}
