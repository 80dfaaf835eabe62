using Limber.Domain.Safety;

namespace Limber.Domain.Tests.Safety;

public class EmergencyNumberTests
{
    // The countries issue 3 names, and the number people there call.
    [Theory]
    [InlineData("US", "911")]
    [InlineData("CA", "911")]
    [InlineData("GB", "999")]
    [InlineData("EU", "112")]
    [InlineData("IE", "112")]
    [InlineData("AU", "000")]
    [InlineData("NZ", "111")]
    [InlineData("gb", "999")]
    public void Each_country_gets_its_own_number(string region, string number)
    {
        var emergency = EmergencyNumber.For(region);
        emergency.Number.ShouldBe(number);
        emergency.Text.ShouldBe(number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("XX")]
    public void Without_a_known_country_every_common_number_is_shown(string? region)
    {
        var text = EmergencyNumber.For(region).Text;
        foreach (var number in new[] { "112", "999", "911", "000" })
        {
            text.ShouldContain(number);
        }
    }
}
