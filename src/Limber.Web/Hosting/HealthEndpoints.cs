using Limber.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Limber.Web.Hosting;

/// <summary>
/// What a load balancer or an orchestrator asks a node (product.md part 12):
/// <c>/health/live</c> — the process answers (nothing else is checked, so it is also the cheapest request the app
/// serves: bench/load takes it as the framework's ceiling); <c>/health/ready</c> — the node can serve people: its
/// database answers. Both say only "Healthy" or "Unhealthy", never why, and are never cached.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddLimberHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    public static void MapLimberHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).ExcludeFromDescription();
    }
}

/// <summary>The database answers a trivial query within the check's time (five seconds).</summary>
internal sealed class DatabaseHealthCheck(LimberDbContext db, ILogger<DatabaseHealthCheck> log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return await db.Database.CanConnectAsync(timeout.Token)
                ? HealthCheckResult.Healthy()
                : Unhealthy("the database refused the connection");
        }
        catch (Exception e) when (e is OperationCanceledException or DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            return Unhealthy(e.GetType().Name);
        }
    }

    // The operator's log says what failed (no personal data: a connection error); the answer says only "Unhealthy".
    private HealthCheckResult Unhealthy(string why)
    {
        log.LogWarning("Readiness: the database does not answer ({Why})", why);
        return HealthCheckResult.Unhealthy();
    }
}
