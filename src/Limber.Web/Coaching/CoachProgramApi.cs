namespace Limber.Web.Coaching;

/// <summary>Issue 10 (coaching): endpoints being written.</summary>
public static class CoachProgramApi
{
    public static IEndpointRouteBuilder MapCoachProgramApi(this IEndpointRouteBuilder app) => app;
}
