namespace Limber.Storage.Tests;

/// <summary>A clock the test moves on by hand: days and weeks pass without waiting.</summary>
internal sealed class MovingClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
