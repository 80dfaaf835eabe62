namespace Limber.Browser.Tests;

/// <summary>A viewport size; <see cref="Phone"/> is the narrowest screen Limber promises to work on.</summary>
public sealed record Screen(string Name, int Width, int Height)
{
    public static readonly Screen Phone = new("phone", 360, 740);
    public static readonly Screen Desktop = new("desktop", 1280, 800);

    public static IReadOnlyList<Screen> All { get; } = [Phone, Desktop];

    public static Screen Named(string name) => All.Single(s => s.Name == name);
}
