using System.Text.Json;
using Limber.Domain.Reminders;

namespace Limber.Web.Reminders;

/// <summary>
/// What a reminder says and opens. Nothing about the person's health goes into a notification: it shows on a lock
/// screen and passes through the browser maker's push service (encrypted, but still).
/// </summary>
public static class ReminderMessages
{
    public static string Title(ReminderKind kind) => kind switch
    {
        ReminderKind.Routine => "Time for today's routine",
        ReminderKind.CheckIn => "Time to check in",
        ReminderKind.DeskBreak => "Time for a desk break",
    };

    public static string Body(ReminderKind kind) => kind switch
    {
        ReminderKind.Routine => "Your Limber routine is ready when you are.",
        ReminderKind.CheckIn => "Twenty seconds to note how your back feels today.",
        ReminderKind.DeskBreak => "Stand up, walk a few steps and move for a minute or two.",
    };

    /// <summary>The page a reminder opens, relative to the site.</summary>
    public static string Path(ReminderKind kind) => kind switch
    {
        ReminderKind.Routine => "/today/play",
        ReminderKind.CheckIn => "/checkin",
        ReminderKind.DeskBreak => "/today",
    };

    /// <summary>
    /// How long after its time a reminder is still worth sending: a desk break is stale once the next one nears; a
    /// routine or check-in reminder an hour or two late still helps.
    /// </summary>
    public static TimeSpan StaysUseful(ReminderKind kind) => kind switch
    {
        ReminderKind.DeskBreak => TimeSpan.FromMinutes(15),
        _ => TimeSpan.FromHours(2),
    };

    /// <summary>The JSON the service worker reads to show the notification.</summary>
    public static byte[] Payload(Guid reminderId, ReminderKind kind, DateTimeOffset dueAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            title = Title(kind),
            body = Body(kind),
            url = Path(kind),
            tag = $"limber-{ReminderInput.KindName(kind)}-{reminderId:N}",
            kind = ReminderInput.KindName(kind),
            dueAt,
        });
}
