
namespace Limber.Web.Hosting;

/// <summary>What every page needs to know about this deployment: its region, for the emergency number.</summary>
public sealed record SiteSettings(string? Region);
