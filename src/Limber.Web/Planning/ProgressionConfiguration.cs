using Limber.Domain.Safety;

namespace Limber.Web.Planning;

/// <summary>
/// The dose-progression thresholds of safety.md section 5 are pragmatic, so a deployment may set them under
/// <c>Limber:Progression</c> (the names of <see cref="ProgressionSettings"/>, e.g. <c>Limber:Progression:RegressWorstPainAbove</c>).
/// Values outside their allowed range stop the app at start with the setting named: none may be looser than the stop rules.
/// </summary>
public static class ProgressionConfiguration
{
    public const string Section = "Limber:Progression";

    public static ProgressionSettings FromConfiguration(IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetSection(Section);
        ProgressionSettings settings;
        try
        {
            settings = section.Get<ProgressionSettings>(o => o.ErrorOnUnknownConfiguration = true) ?? ProgressionSettings.Default;
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{Section} is not usable: {e.Message}", e);
        }
        var problems = settings.Problems();
        return problems.Count == 0
            ? settings
            : throw new InvalidOperationException($"{Section} is not usable: {string.Join(" ", problems)}");
    }
}
