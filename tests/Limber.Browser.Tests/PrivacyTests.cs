namespace Limber.Browser.Tests;

/// <summary>Pages load nothing from anywhere but Limber itself: no fonts, scripts or trackers from third parties.</summary>
[Collection(LimberSite.Collection)]
public sealed class PrivacyTests(LimberSite site)
{
    public static TheoryData<string, string> Visits()
    {
        var visits = new TheoryData<string, string>();
        foreach (var stop in TourStop.All)
        {
            foreach (var screen in Screen.All)
            {
                visits.Add(stop.Name, screen.Name);
            }
        }
        return visits;
    }

    [Theory]
    [MemberData(nameof(Visits))]
    public async Task Every_request_goes_to_the_apps_own_origin(string stop, string screen)
    {
        await using var tab = await site.NewTabAsync(Screen.Named(screen));
        await TourStop.Named(stop).VisitAsync(tab);
        // Late requests (icons, lazy images) count too.
        await tab.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        var origin = site.BaseAddress.GetLeftPart(UriPartial.Authority);
        var requested = tab.RequestedUrls;
        requested.ShouldNotBeEmpty();
        requested.Where(url => new Uri(url).GetLeftPart(UriPartial.Authority) != origin)
            .ShouldBeEmpty($"every request should go to {origin}");
    }
}
