using System.Globalization;
using System.Text;
using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;

namespace Limber.Web.Illustration;

/// <summary>
/// Writes an exercise figure as a self-contained SVG: the body as nested groups that turn about their joints
/// (CSS keyframes timed to the dose), props and floor, a still pair of start and end poses that replaces the
/// animation under prefers-reduced-motion, a legend, and a title and description for screen readers.
/// </summary>
public static class SvgFigure
{
    private const double LegendHeight = 9;
    private const double Gap = 6;

    /// <summary>Inline styles are the figure's own; nothing else may load from it.</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    private const string Palette =
        ".bn{fill:#2f4858;stroke:#2f4858}.bf{fill:#9fb1bc;stroke:#9fb1bc}.hl{fill:#d9661f;stroke:#d9661f}" +
        ".fl{stroke:#7c8782}.pr{fill:#d8c7a9;stroke:#d8c7a9}.pl{fill:none;stroke:#8a6a43}.tx{fill:#2f3b37}" +
        "@media (prefers-color-scheme:dark){.bn{fill:#e3ecef;stroke:#e3ecef}.bf{fill:#6d8390;stroke:#6d8390}" +
        ".hl{fill:#ffa25a;stroke:#ffa25a}.fl{stroke:#9aa5a0}.pr{fill:#6b5b45;stroke:#6b5b45}.pl{stroke:#d4ae7d}.tx{fill:#dfe7e3}}";

    public static string Render(Exercise exercise, FigureLayout layout, BodySide shown, bool still)
    {
        var b = layout.Bounds;
        var height = b.Height + LegendHeight;
        // A tall figure (standing) has room for its still pair at full size side by side, so the canvas widens
        // and the animation sits in the middle; a wide one (lying) shows its pair at half size in its own space.
        var tall = b.Width < b.Height;
        var width = still || tall ? b.Width * 2 + Gap : b.Width;
        var inset = (width - b.Width) / 2;
        var sb = new StringBuilder(4096);
        var mirror = shown == BodySide.Other;
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {N(width)} {N(height)}\" role=\"img\" aria-labelledby=\"t d\">");
        sb.Append("<title id=\"t\">").Append(Escape(exercise.Name)).Append("</title>");
        sb.Append("<desc id=\"d\">").Append(Escape(FigureText.Description(exercise, layout.Script, shown, still))).Append("</desc>");
        sb.Append("<style>").Append(Palette)
          .Append("line,circle,rect,polyline{stroke-linecap:round;stroke-linejoin:round}")
          .Append(".tx{font:4px system-ui,sans-serif}");

        var last = layout.Frames.Count - 1;
        if (still)
        {
            sb.Append("</style>");
            // Start and end side by side at full size.
            AppendFrame(sb, layout, 0, 0, 1, mirror);
            AppendFrame(sb, layout, last, b.Width + Gap, 1, mirror);
        }
        else
        {
            var animation = FigureAnimation.Build(layout);
            AppendAnimationCss(sb, animation, layout);
            sb.Append(".still{display:none}")
              .Append("@media (prefers-reduced-motion:reduce){.moving{display:none}.moving g{animation:none}.still{display:inline}}")
              .Append("</style>");

            // Mirroring shows the other side: the scene flips, the legend does not.
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"moving\" transform=\"translate({N(inset)},0)\"><g").Append(Flip(0, b.Width, mirror)).Append('>');
            if (layout.HasFloor)
            {
                AppendShape(sb, layout.Floor(), b);
            }
            foreach (var prop in layout.Props)
            {
                AppendShape(sb, prop, b);
            }
            sb.Append("<g class=\"r\">");
            AppendRig(sb, animation, null, b);
            sb.Append("</g>");
            AppendMovingTowel(sb, layout, animation);
            sb.Append("</g></g>");

            // Without motion: start and end side by side.
            sb.Append("<g class=\"still\">");
            if (tall)
            {
                AppendFrame(sb, layout, 0, 0, 1, mirror);
                AppendFrame(sb, layout, last, b.Width + Gap, 1, mirror);
            }
            else
            {
                AppendFrame(sb, layout, 0, 0, 0.5, mirror);
                AppendFrame(sb, layout, last, b.Width / 2, 0.5, mirror);
            }
            sb.Append("</g>");
        }

        // Legend: a swatch and the highlighted muscles.
        var y = b.Height + LegendHeight / 2;
        sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"hl\" x=\"3\" y=\"{N(y - 2.2)}\" width=\"4.4\" height=\"4.4\" rx=\"1\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tx\" x=\"9.5\" y=\"{N(y + 1.4)}\">")
          .Append(Escape(FigureText.Legend(exercise, width - 12))).Append("</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void AppendFrame(StringBuilder sb, FigureLayout layout, int frame, double offset, double scale, bool mirror)
    {
        var b = layout.Bounds;
        var top = (1 - scale) * b.Height / 2;
        sb.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({N(offset)},{N(top)}) scale({N(scale)})\">");
        sb.Append("<g").Append(Flip(0, b.Width, mirror)).Append('>');
        foreach (var shape in layout.Frame(frame))
        {
            AppendShape(sb, shape, b);
        }
        sb.Append("</g></g>");
    }

    /// <summary>
    /// The towel's ends sit on two different limbs, so no single joint turns it: its points are animated
    /// instead, on the same timeline as the body.
    /// </summary>
    private static void AppendMovingTowel(StringBuilder sb, FigureLayout layout, FigureAnimation animation)
    {
        if (layout.Towel(0) is not { } first)
        {
            return;
        }
        var b = layout.Bounds;
        string Points(int frame) => string.Join(' ', layout.Towel(frame)!.Points.Select(p => { var q = ToSvg(p, b); return $"{N(q.X)},{N(q.Y)}"; }));
        var times = new List<string>();
        var values = new List<string>();
        for (var i = 0; i < animation.Times.Count; i++)
        {
            times.Add(N4(animation.Times[i].Reach / animation.CycleSeconds));
            values.Add(Points(i));
            times.Add(N4(animation.Times[i].Leave / animation.CycleSeconds));
            values.Add(Points(i));
        }
        times.Add("1");
        values.Add(Points(0));
        sb.Append("<polyline class=\"pl\" points=\"").Append(Points(0)).Append(CultureInfo.InvariantCulture, $"\" stroke-width=\"{N(first.Width)}\">")
          .Append(CultureInfo.InvariantCulture, $"<animate attributeName=\"points\" dur=\"{N(animation.CycleSeconds)}s\" repeatCount=\"indefinite\" keyTimes=\"")
          .AppendJoin(';', times).Append("\" values=\"").AppendJoin(';', values).Append("\"/></polyline>");
    }

    private static string N4(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Flip(double offset, double width, bool mirror) =>
        mirror ? $" transform=\"translate({N(offset + width)},0) scale(-1,1)\"" : "";

    private static void AppendRig(StringBuilder sb, FigureAnimation animation, Domain.Illustration.Segment? parent, Bounds b)
    {
        foreach (var segment in animation.ChildrenOf(parent))
        {
            AppendSubtree(sb, animation, segment, b);
        }
    }

    /// <summary>A segment's group: limbs of the far side behind its own shapes, everything else in front.</summary>
    private static void AppendSubtree(StringBuilder sb, FigureAnimation animation, AnimatedSegment segment, Bounds b)
    {
        sb.Append("<g class=\"s").Append((int)segment.Segment).Append("\">");
        var children = animation.ChildrenOf(segment.Segment).ToList();
        foreach (var child in children.Where(c => BodyModel.SideOf(c.Segment) == BodySide.Other && BodyModel.SideOf(segment.Segment) != BodySide.Other))
        {
            AppendSubtree(sb, animation, child, b);
        }
        foreach (var shape in segment.Shapes)
        {
            AppendShape(sb, shape, b);
        }
        foreach (var child in children.Where(c => !(BodyModel.SideOf(c.Segment) == BodySide.Other && BodyModel.SideOf(segment.Segment) != BodySide.Other)))
        {
            AppendSubtree(sb, animation, child, b);
        }
        sb.Append("</g>");
    }

    private static void AppendAnimationCss(StringBuilder sb, FigureAnimation animation, FigureLayout layout)
    {
        var cycle = animation.CycleSeconds;
        var b = layout.Bounds;
        string Percent(double seconds) => N(seconds / cycle * 100);
        var timing = $"{N(cycle)}s ease-in-out infinite";

        void Keyframes(string name, Func<int, string> transformAt)
        {
            sb.Append("@keyframes ").Append(name).Append('{');
            for (var i = 0; i < animation.Times.Count; i++)
            {
                var value = transformAt(i);
                sb.Append(Percent(animation.Times[i].Reach)).Append("%,").Append(Percent(animation.Times[i].Leave))
                  .Append("%{transform:").Append(value).Append('}');
            }
            sb.Append("100%{transform:").Append(transformAt(0)).Append("}}");
        }

        if (animation.Shifts.Any(s => Math.Abs(s.X) > 0.05 || Math.Abs(s.Y) > 0.05))
        {
            // Figure space is y-up; SVG is y-down.
            sb.Append(".r{animation:ar ").Append(timing).Append('}');
            Keyframes("ar", i => $"translate({N(animation.Shifts[i].X)}px,{N(-animation.Shifts[i].Y)}px)");
        }
        foreach (var segment in animation.Segments.Where(s => s.Turns.Any(t => Math.Abs(t) > 0.05)))
        {
            var id = (int)segment.Segment;
            var pivot = ToSvg(segment.Pivot, b);
            sb.Append(".s").Append(id).Append("{transform-origin:").Append(N(pivot.X)).Append("px ").Append(N(pivot.Y))
              .Append("px;animation:a").Append(id).Append(' ').Append(timing).Append('}');
            Keyframes($"a{id}", i => $"rotate({N(segment.Turns[i])}deg)");
        }
    }

    private static void AppendShape(StringBuilder sb, Shape shape, Bounds b)
    {
        var css = Css(shape.Ink);
        switch (shape)
        {
            case Stroke s:
                var from = ToSvg(s.From, b);
                var to = ToSvg(s.To, b);
                sb.Append(CultureInfo.InvariantCulture,
                    $"<line class=\"{css}\" x1=\"{N(from.X)}\" y1=\"{N(from.Y)}\" x2=\"{N(to.X)}\" y2=\"{N(to.Y)}\" stroke-width=\"{N(s.Width)}\"/>");
                break;
            case Disc d:
                var c = ToSvg(d.Center, b);
                sb.Append(CultureInfo.InvariantCulture, $"<circle class=\"{css}\" cx=\"{N(c.X)}\" cy=\"{N(c.Y)}\" r=\"{N(d.Radius)}\"/>");
                break;
            case Box r:
                var topLeft = ToSvg(new Point(r.Min.X, r.Max.Y), b);
                sb.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"{css}\" x=\"{N(topLeft.X)}\" y=\"{N(topLeft.Y)}\" width=\"{N(r.Max.X - r.Min.X)}\" height=\"{N(r.Max.Y - r.Min.Y)}\" rx=\"{N(r.CornerRadius)}\" stroke-width=\"0\"/>");
                break;
            case Polyline p:
                sb.Append("<polyline class=\"").Append(css).Append("\" points=\"")
                  .AppendJoin(' ', p.Points.Select(pt => { var q = ToSvg(pt, b); return $"{N(q.X)},{N(q.Y)}"; }))
                  .Append(CultureInfo.InvariantCulture, $"\" stroke-width=\"{N(p.Width)}\"/>");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(shape));
        }
    }

    private static string Css(Ink ink) => ink switch
    {
        Ink.BodyNear => "bn",
        Ink.BodyFar => "bf",
        Ink.Highlight => "hl",
        Ink.Floor => "fl",
        Ink.Prop => "pr",
        Ink.PropLine => "pl",
    };

    private static Point ToSvg(Point p, Bounds b) => new(p.X - b.MinX, b.MaxY - p.Y);

    private static string N(double value)
    {
        var rounded = Math.Round(value, 1);
        // -0.04 rounds to negative zero, which would print as "-0".
        return (rounded == 0 ? 0 : rounded).ToString("0.#", CultureInfo.InvariantCulture);
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
