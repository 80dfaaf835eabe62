using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;
using Limber.Web.Illustration;

namespace Limber.Benchmarks;

/// <summary>
/// Target (issue 4): render one figure to SVG in under 200 µs; every animated SVG under 6 KB gzipped
/// (the size is also checked by a test; it is printed here for the closing note).
/// </summary>
[MemoryDiagnoser]
public class FigureBenchmarks
{
    private Exercise _exercise = null!;
    private FigureLayout _layout = null!;

    [Params("kneeling-hip-flexor-stretch", "glute-bridge", "high-knees")]
    public string Id { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = CatalogueBenchmarks.LoadRepositoryCatalogue();
        _exercise = catalogue.Find(Id) ?? throw new InvalidOperationException($"No exercise {Id}");
        var script = _exercise.Figure ?? throw new InvalidOperationException($"{Id} has no figure");
        _layout = FigureLayout.Build(script, _exercise.Muscles, _exercise.Dose.PerSide);
        var svg = Encoding.UTF8.GetBytes(SvgFigure.Render(_exercise, _layout, BodySide.Working, still: false));
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(svg);
        }
        Console.WriteLine($"// {Id}: animated SVG {svg.Length} bytes, {buffer.Length} bytes gzipped");
    }

    /// <summary>From the pose keyframes to SVG text: layout, rig and writing.</summary>
    [Benchmark]
    public string LayoutAndRenderSvg()
    {
        var layout = FigureLayout.Build(_exercise.Figure!, _exercise.Muscles, _exercise.Dose.PerSide);
        return SvgFigure.Render(_exercise, layout, BodySide.Working, still: false);
    }

    /// <summary>Writing the SVG from a layout already built (the cache keeps layouts).</summary>
    [Benchmark]
    public string RenderSvg() => SvgFigure.Render(_exercise, _layout, BodySide.Working, still: false);
}
