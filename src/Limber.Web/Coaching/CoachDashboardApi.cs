namespace Limber.Web.Coaching;

/// <summary>Issue 10 (coaching): endpoints being written.</summary>
public static class CoachDashboardApi
{
    public static IEndpointRouteBuilder MapCoachDashboardApi(this IEndpointRouteBuilder app) => app;
}
