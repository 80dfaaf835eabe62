namespace Limber.Browser.Tests;

/// <summary>
/// A <see cref="LimberServer"/> of the account journeys' own, whose security stamp is checked on every request
/// (<c>Limber:Accounts:SecurityStampCheckSeconds=0</c>), so "sign out everywhere" can be seen in another browser
/// at once rather than after the default 30 seconds.
/// </summary>
public sealed class ConfiguredServer() : LimberServer(null, new Dictionary<string, string?>
{
    ["Limber:Accounts:SecurityStampCheckSeconds"] = "0",
});
