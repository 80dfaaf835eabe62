namespace Limber.Web.Coaching;

/// <summary>Issue 10 (coaching): endpoints being written.</summary>
public static class CoachLinkApi
{
    public static IEndpointRouteBuilder MapCoachLinkApi(this IEndpointRouteBuilder app) => app;
}
