using Limber.Domain.Safety;
using Limber.Web.Planning;
using Microsoft.Extensions.Configuration;

namespace Limber.Web.Tests.Planning;

/// <summary>The pragmatic dose thresholds (safety.md section 5) are configurable, never looser than the stop rules.</summary>
public sealed class ProgressionConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"{ProgressionConfiguration.Section}:{v.Key}", v.Value)))
            .Build();

    [Fact]
    public void Nothing_set_gives_the_defaults_of_safety_md()
    {
        ProgressionConfiguration.FromConfiguration(Config()).ShouldBe(ProgressionSettings.Default);
    }

    [Fact]
    public void A_setting_within_its_range_is_taken()
    {
        var settings = ProgressionConfiguration.FromConfiguration(Config(("RegressWorstPainAbove", "4"), ("HoldStepSeconds", "10")));
        settings.RegressWorstPainAbove.ShouldBe(4);
        settings.HoldStepSeconds.ShouldBe(10);
        settings.ProgressSessionsInARow.ShouldBe(ProgressionSettings.Default.ProgressSessionsInARow);
    }

    [Theory]
    [InlineData("RegressWorstPainAbove", "7", "RegressWorstPainAbove")]
    [InlineData("HoldStepSeconds", "30", "HoldStepSeconds")]
    [InlineData("RegressSessions", "many", "RegressSessions")]
    [InlineData("RegressAfterNothing", "2", "RegressAfterNothing")]
    public void A_setting_out_of_range_or_unknown_stops_the_start_naming_it(string key, string value, string named)
    {
        var problem = Should.Throw<InvalidOperationException>(() => ProgressionConfiguration.FromConfiguration(Config((key, value))));
        problem.Message.ShouldContain(ProgressionConfiguration.Section);
        problem.ToString().ShouldContain(named);
    }
}
