using Limber.Web.Hosting;

namespace Limber.Web.Coaching;

/// <summary>What the coaching-link pages share beyond words: answering 404 with the page's own explanation.</summary>
public static class CoachLinkPages
{
    /// <summary>Answers 404 with this page's own explanation (see <see cref="PageStatus.SetPageStatus"/>).</summary>
    public static void SetNotFound(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetPageStatus(StatusCodes.Status404NotFound);
    }
}
