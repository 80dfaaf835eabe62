using Microsoft.AspNetCore.Diagnostics;

namespace Limber.Web.Hosting;

public static class PageStatus
{
    /// <summary>
    /// Sets an error status for a page that renders its own explanation, so the generic
    /// status-code page does not replace it.
    /// </summary>
    /// <remarks>
    /// A 404 is set as the response starts, after the render: Blazor's endpoint writes no page at all when a
    /// component sets 404 during the render (it leaves the answer to the not-found page), so the page's own
    /// explanation would be lost.
    /// </remarks>
    public static void SetPageStatus(this HttpContext context, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        if (statusCode != StatusCodes.Status404NotFound)
        {
            context.Response.StatusCode = statusCode;
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.OnStarting(() =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
