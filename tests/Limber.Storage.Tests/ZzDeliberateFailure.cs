namespace Limber.Storage.Tests;

public sealed class ZzDeliberateFailure
{
    [Fact]
    public void Fails_on_purpose() => 1.ShouldBe(2);

    [Fact(Skip = "on purpose")]
    public void Skipped_on_purpose() { }
}
