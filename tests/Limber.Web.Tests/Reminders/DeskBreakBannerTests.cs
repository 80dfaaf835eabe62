using System.Net;
using System.Text.RegularExpressions;
using Limber.Web.Tests.Accounts;

namespace Limber.Web.Tests.Reminders;

/// <summary>Today's desk-break banner as the server renders it (the script that shows one falling due is tested in a browser).</summary>
[Collection(AccountServerCollection.Name)]
public sealed partial class DeskBreakBannerTests(AccountServer server) : IDisposable
{
    private readonly NoScriptBrowsers _browsers = new(server);

    public void Dispose() => _browsers.Dispose();

    /// <summary>
    /// A fixed-offset zone where it is now between 00:30 and 23:30, so that desk breaks every 15 minutes from 00:00 to
    /// 23:59 have one due in the last 15 minutes whatever time the test runs.
    /// </summary>
    private static string MidDayZone()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var hours in Enumerable.Range(-12, 25))
        {
            var minute = (now.Hour * 60 + now.Minute + hours * 60 + 24 * 60) % (24 * 60);
            if (minute is >= 30 and <= 23 * 60 + 30)
            {
                // Etc/GMT-3 is UTC+3: the sign is reversed in these names.
                return hours == 0 ? "Etc/UTC" : $"Etc/GMT{(hours > 0 ? "-" : "+")}{Math.Abs(hours)}";
            }
        }
        throw new InvalidOperationException("unreachable: some offset puts any time in the middle of a day");
    }

    private async Task<HttpClient> WithDeskBreaksAsync(string every = "15")
    {
        var http = _browsers.New();
        await NoScriptBrowsers.SignUpAsync(http, $"desk.{Guid.NewGuid():N}@example.org", "correct horse battery", consent: true);
        var (_, page) = await NoScriptBrowsers.GetAsync(http, "/reminders");
        var (status, saved) = await NoScriptBrowsers.PostAsync(http, "/reminders", "settings", page,
        [
            new("timeZone", MidDayZone()),
            new("deskBreaks", "on"),
            new("deskBreaks.everyMinutes", every),
            new("deskBreaks.workFrom", "00:00"),
            new("deskBreaks.workTo", "23:59"),
            .. new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(d => new KeyValuePair<string, string>("deskBreaks.days", d)),
        ]);
        status.ShouldBe(HttpStatusCode.OK, saved);
        saved.ShouldContain("Saved.");
        return http;
    }

    [Fact]
    public async Task During_a_desk_break_Today_shows_the_banner_and_lists_the_next_ones_for_the_script()
    {
        var http = await WithDeskBreaksAsync();

        var (status, today) = await NoScriptBrowsers.GetAsync(http, "/today");

        status.ShouldBe(HttpStatusCode.OK);
        var region = RegionOf(today).ShouldNotBeNull("Today has the desk-break status region");
        region.ShouldContain("role=\"status\"");
        region.ShouldContain("Time for a desk break");
        // The rest of the day's breaks, as instants, for js/desk-break.js.
        var due = WebUtility.HtmlDecode(Regex.Match(region, "data-due=\"([^\"]*)\"").Groups[1].Value).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        due.ShouldNotBeEmpty();
        due.Select(t => DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ShouldAllBe(t => t > DateTimeOffset.UtcNow.AddSeconds(-5));
        Regex.IsMatch(region, "data-current=\"[^\"]+\"").ShouldBeTrue();
        today.ShouldContain("js/desk-break");
    }

    [Fact]
    public async Task Paused_for_today_there_is_no_banner()
    {
        var http = await WithDeskBreaksAsync();
        var (_, page) = await NoScriptBrowsers.GetAsync(http, "/reminders");
        await NoScriptBrowsers.PostAsync(http, "/reminders", "pause", page, []);

        var (_, today) = await NoScriptBrowsers.GetAsync(http, "/today");

        (RegionOf(today) ?? "").ShouldNotContain("Time for a desk break");
    }

    [Fact]
    public async Task Without_desk_break_reminders_Today_has_no_banner_region_and_no_script()
    {
        var http = _browsers.New();
        await NoScriptBrowsers.SignUpAsync(http, $"desk.{Guid.NewGuid():N}@example.org", "correct horse battery", consent: true);

        var (_, today) = await NoScriptBrowsers.GetAsync(http, "/today");

        RegionOf(today).ShouldBeNull();
        today.ShouldNotContain("js/desk-break");
    }

    private static string? RegionOf(string html) =>
        DeskBreakRegion().Match(html) is { Success: true } match ? match.Value : null;

    [GeneratedRegex("<div id=\"desk-break\"[^>]*>.*?</div>\\s*(</div>)?", RegexOptions.Singleline)]
    private static partial Regex DeskBreakRegion();
}
