using Limber.Domain.Catalogue;
using Limber.Domain.Safety;

namespace Limber.Web.Hosting;

/// <summary>What every page needs to know about this deployment.</summary>
public sealed record SiteSettings(string? Region)
{
    /// <summary>The deployment's emergency number, for pages that have no visitor to ask.</summary>
    public EmergencyNumber Emergency => EmergencyNumber.For(Region);
}

/// <summary>The loaded catalogue together with where it came from, for the start-up log.</summary>
public sealed record LoadedCatalogue(ExerciseCatalogue Catalogue, string Folder);
