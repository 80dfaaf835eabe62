using BenchmarkDotNet.Attributes;
using Limber.Domain.Reminders;
using Limber.Web.Reminders;
using Limber.Web.Reminders.WebPush;

namespace Limber.Benchmarks;

/// <summary>
/// Reminders (issue 9): what a dispatcher round and a calendar app's poll cost on the server. Planning a busy person's
/// two days (three daily reminders, desk breaks every 30 minutes, two quiet times), writing their calendar feed, and
/// encrypting and signing one push message.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ReminderBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 3, 27, 8, 0, 0, TimeSpan.Zero);
    private ReminderSettings _settings = null!;
    private CalendarLinks _links = null!;
    private VapidKeys _vapid = null!;
    private byte[] _browserKey = null!;
    private byte[] _auth = null!;
    private byte[] _payload = null!;

    [GlobalSetup]
    public void Setup()
    {
        _settings = ReminderSettings.None(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")) with
        {
            Daily =
            [
                new DailyReminder(new TimeOnly(7, 30), ReminderKind.Routine),
                new DailyReminder(new TimeOnly(18, 0), ReminderKind.Routine),
                new DailyReminder(new TimeOnly(21, 0), ReminderKind.CheckIn),
            ],
            DeskBreaks = new DeskBreaks(30, ReminderSettings.Weekdays, new TimeOnly(8, 30), new TimeOnly(17, 30)),
            QuietTimes = [new QuietTime(new TimeOnly(12, 0), new TimeOnly(13, 0)), new QuietTime(new TimeOnly(22, 0), new TimeOnly(7, 0))],
        };
        var site = new Uri("https://limber.example.org/");
        _links = new CalendarLinks(new Uri(site, "/today/play"), new Uri(site, "/checkin"), new Uri(site, "/today"));
        _vapid = VapidKeys.Generate();
        using var browser = System.Security.Cryptography.ECDiffieHellman.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var q = browser.ExportParameters(false).Q;
        _browserKey = [0x04, .. q.X!, .. q.Y!];
        _auth = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        _payload = ReminderMessages.Payload(Guid.NewGuid(), ReminderKind.Routine, Now);
    }

    [GlobalCleanup]
    public void Cleanup() => _vapid.Dispose();

    /// <summary>Two days of a busy person's reminders, across the spring clock change, as the dispatcher plans them.</summary>
    [Benchmark]
    public int PlanTwoDays() => ReminderTimes.Between(_settings, Now, Now.AddDays(2)).Count();

    /// <summary>The calendar feed a calendar app polls: one recurring event per time of day, with the VTIMEZONE.</summary>
    [Benchmark]
    public int WriteCalendarFeed() => CalendarFeed.Write(_settings, _links, "bench", Now, TimeSpan.FromMinutes(10)).Length;

    /// <summary>One push message: RFC 8291 encryption (an ECDH, HKDF, AES-GCM) and the RFC 8292 ES256 token.</summary>
    [Benchmark]
    public int EncryptAndSign() =>
        PushMessageEncryption.Encrypt(_payload, _browserKey, _auth).Length
        + _vapid.AuthorizationFor(new Uri("https://fcm.googleapis.com/fcm/send/x"), "mailto:ops@example.org", Now, TimeSpan.FromHours(12)).Length;
}
