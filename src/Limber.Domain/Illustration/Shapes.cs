namespace Limber.Domain.Illustration;

/// <summary>What a shape is, so each renderer picks its own colours (light, dark, print).</summary>
public enum Ink { BodyNear, BodyFar, Highlight, Floor, Prop, PropLine }

/// <summary>A drawing primitive in figure space (y up). Renderers turn these into SVG, PNG or PDF.</summary>
public abstract record Shape(Ink Ink);

/// <summary>A straight bar with round ends.</summary>
public sealed record Stroke(Point From, Point To, double Width, Ink Ink) : Shape(Ink);

public sealed record Disc(Point Center, double Radius, Ink Ink) : Shape(Ink);

/// <summary>A filled rectangle with rounded corners.</summary>
public sealed record Box(Point Min, Point Max, double CornerRadius, Ink Ink) : Shape(Ink);

/// <summary>An open line through several points with round joins.</summary>
public sealed record Polyline(IReadOnlyList<Point> Points, double Width, Ink Ink) : Shape(Ink)
{
    // Equal by the points themselves, like every other shape, not by which list holds them.
    public bool Equals(Polyline? other) =>
        other is not null && Ink == other.Ink && Width.Equals(other.Width) && Points.SequenceEqual(other.Points);

    public override int GetHashCode() => HashCode.Combine(Ink, Width, Points.Count);
}

/// <summary>An axis-aligned area of figure space.</summary>
public readonly record struct Bounds(double MinX, double MinY, double MaxX, double MaxY)
{
    public double Width => MaxX - MinX;
    public double Height => MaxY - MinY;

    public Bounds Union(Bounds other) =>
        new(Math.Min(MinX, other.MinX), Math.Min(MinY, other.MinY), Math.Max(MaxX, other.MaxX), Math.Max(MaxY, other.MaxY));

    public Bounds Inflate(double by) => new(MinX - by, MinY - by, MaxX + by, MaxY + by);

    public static Bounds Of(IEnumerable<Shape> shapes) => shapes.Select(Of).Aggregate((a, b) => a.Union(b));

    public static Bounds Of(Shape shape) => shape switch
    {
        Stroke s => Around([s.From, s.To], s.Width / 2),
        Disc d => Around([d.Center], d.Radius),
        Box b => new Bounds(b.Min.X, b.Min.Y, b.Max.X, b.Max.Y),
        Polyline p => Around(p.Points, p.Width / 2),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static Bounds Around(IReadOnlyList<Point> points, double pad) => new(
        points.Min(p => p.X) - pad, points.Min(p => p.Y) - pad, points.Max(p => p.X) + pad, points.Max(p => p.Y) + pad);
}
