using System.Text;
using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;
using Limber.Web.Illustration;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using UglyToad.PdfPig;

namespace Limber.Web.Tests.Illustration;

[Collection(ServerCollection.Name)]
public class PdfFigureTests(LimberServer server)
{
    private const string Id = "kneeling-hip-flexor-stretch";

    private readonly Exercise _exercise = server.Services.GetRequiredService<ExerciseCatalogue>().Find(Id)!;
    private readonly FigureLayout _layout = server.Services.GetRequiredService<FigureCache>().Layout(Id)!;

    [Fact]
    public void The_page_is_one_A4_PDF_titled_with_the_exercise_name()
    {
        var bytes = PdfFigure.Page(_exercise, _layout, BodySide.Working);
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");

        using var pdf = PdfDocument.Open(bytes);
        pdf.NumberOfPages.ShouldBe(1);
        pdf.Information.Title.ShouldBe("Kneeling hip flexor stretch");
        var page = pdf.GetPage(1);
        // A4 in points, give or take rounding.
        page.Width.ShouldBe(595, tolerance: 1);
        page.Height.ShouldBe(842, tolerance: 1);
    }

    [Fact]
    public void The_page_reads_the_name_the_legend_and_the_dose()
    {
        using var pdf = PdfDocument.Open(PdfFigure.Page(_exercise, _layout, BodySide.Working));
        // Words, not outlines: the text can be found, copied and read aloud.
        var text = string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        text.ShouldContain("Kneeling hip flexor stretch");
        text.ShouldContain("Highlighted: Hip flexors");
        text.ShouldContain("Hold 30 seconds, 3 times on each side");
    }

    [Fact]
    public void The_same_figure_makes_the_same_bytes()
    {
        // Several server nodes must agree on the ETag.
        PdfFigure.Page(_exercise, _layout, BodySide.Other).ShouldBe(PdfFigure.Page(_exercise, _layout, BodySide.Other));
    }

    [Fact]
    public void The_figure_fits_in_the_area_it_is_given_for_handouts()
    {
        using var stream = new MemoryStream();
        using var document = SKDocument.CreatePdf(stream);
        var canvas = document.BeginPage(PdfFigure.PageWidth, PdfFigure.PageHeight);
        var area = SKRect.Create(50, 100, 300, 120);

        var used = PdfFigure.Draw(canvas, area, _exercise, _layout, BodySide.Other);
        document.EndPage();
        document.Close();

        used.Left.ShouldBeGreaterThanOrEqualTo(area.Left - 0.01f);
        used.Right.ShouldBeLessThanOrEqualTo(area.Right + 0.01f);
        used.Top.ShouldBe(area.Top, tolerance: 0.01f);
        used.Bottom.ShouldBeLessThanOrEqualTo(area.Bottom + 0.01f);
        // As large as fits: one side touches the area's.
        Math.Max(used.Width / area.Width, used.Height / area.Height).ShouldBe(1, tolerance: 0.001);
        using var pdf = PdfDocument.Open(stream.ToArray());
        pdf.GetPage(1).GetWords().ShouldNotBeEmpty();
    }
}
