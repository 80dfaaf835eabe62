using Microsoft.AspNetCore.Diagnostics;

namespace Limber.Web.Hosting;

public static class PageStatus
{
    /// <summary>
    /// Sets an error status for a page that renders its own explanation, so the generic
    /// status-code page does not replace it.
    /// </summary>
    public static void SetPageStatus(this HttpContext context, int statusCode)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
        context.Response.StatusCode = statusCode;
    }
}
