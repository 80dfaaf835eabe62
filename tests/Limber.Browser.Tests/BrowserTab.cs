using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Limber.Browser.Tests;

/// <summary>A browser context with one page, which remembers every request the page made.</summary>
public sealed class BrowserTab : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _requested = new();

    private BrowserTab(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        // On the context rather than the page, so requests from workers and pop-ups count too.
        context.Request += (_, request) => _requested.Enqueue(request.Url);
    }

    public IPage Page { get; }

    /// <summary>Every URL requested so far, in order.</summary>
    public IReadOnlyList<string> RequestedUrls => [.. _requested];

    internal static async Task<BrowserTab> OpenAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        var context = await browser.NewContextAsync(options);
        try
        {
            return new BrowserTab(context, await context.NewPageAsync());
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Opens a path on the app and checks the status the server answered with.</summary>
    public async Task<IResponse> GoToAsync(string path, int expectedStatus = 200)
    {
        var response = await Page.GotoAsync(path) ?? throw new InvalidOperationException($"No response for {path}");
        response.Status.ShouldBe(expectedStatus, $"GET {path}");
        return response;
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
