using Limber.Web.Hosting;

namespace Limber.Web.Coaching;

/// <summary>What the coaching-link pages share beyond words: answering 404 with the page's own explanation.</summary>
public static class CoachLinkPages
{
    /// <summary>
    /// Answers 404 with this page's own explanation. Blazor's endpoint writes no page at all when a component sets 404
    /// during the render while status-code pages are on (it leaves the answer to their re-execution, which
    /// <see cref="PageStatus.SetPageStatus"/> turns off), so the status is set as the response starts, after the render.
    /// </summary>
    public static void SetNotFound(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetPageStatus(StatusCodes.Status200OK);
        context.Response.OnStarting(() =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
