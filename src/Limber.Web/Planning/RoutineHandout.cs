using System.Globalization;
using Limber.Domain.Catalogue;
using Limber.Domain.Illustration;
using Limber.Domain.Planning;
using Limber.Domain.Safety;
using Limber.Web.Components.Pages;
using Limber.Web.Illustration;
using Limber.Web.Safety;
using SkiaSharp;

namespace Limber.Web.Planning;

/// <summary>
/// One exercise of a handout: the catalogue entry, its figure (none if it cannot be laid out), the day's dose, and in
/// coaching mode the coach's note for it.
/// </summary>
public sealed record HandoutExercise(Exercise Exercise, FigureLayout? Figure, Dose Dose, int Seconds, string? CoachNote = null);

/// <summary>In coaching mode, the coach's program a handout prints: its name and the coach who set it.</summary>
public sealed record HandoutCoach(string ProgramName, string CoachName);

/// <summary>One part of the routine (warm up, ...) and its exercises in order.</summary>
public sealed record HandoutPart(RoutinePart Part, IReadOnlyList<HandoutExercise> Exercises);

/// <summary>Everything a routine handout prints: the day's routine, where its code leads, and the emergency number.</summary>
public sealed record HandoutContent(
    DateOnly Date,
    int TotalSeconds,
    int TargetMinutes,
    IReadOnlyList<string> Notes,
    IReadOnlyList<HandoutPart> Parts,
    string PlayUrl,
    EmergencyNumber Emergency)
{
    /// <summary>The coach's program the routine comes from; null when Limber planned it.</summary>
    public HandoutCoach? Coach { get; init; }

    /// <summary>The handout's title: the coach's program's name, or <see cref="RoutineHandout.Title"/>.</summary>
    public string Heading => Coach?.ProgramName ?? RoutineHandout.Title;

    /// <summary>
    /// The handout of a planned routine. The doses are the routine's own, so the person's current doses where feedback
    /// has moved them; <paramref name="gentleReason"/> is printed when the routine holds only gentle options.
    /// </summary>
    public static HandoutContent From(Routine routine, string gentleReason, Func<string, Exercise?> find, FigureCache figures, string playUrl,
        EmergencyNumber emergency)
    {
        ArgumentNullException.ThrowIfNull(routine);
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(figures);
        var parts = routine.Sections
            .Select(s => new HandoutPart(s.Part, [.. s.Items
                .Select(i => (Item: i, Exercise: find(i.ExerciseId)))
                .Where(p => p.Exercise is not null)
                .Select(p => new HandoutExercise(p.Exercise!, figures.Layout(p.Item.ExerciseId), p.Item.Dose, p.Item.Seconds, p.Item.CoachNote))]))
            .Where(p => p.Exercises.Count > 0)
            .ToList();
        IReadOnlyList<string> notes = routine.GentleOptionsOnly ? [gentleReason, .. routine.Notes] : routine.Notes;
        return new(routine.Date, routine.TotalSeconds, routine.TargetMinutes, notes, parts, playUrl, emergency);
    }
}

/// <summary>
/// A day's routine as a printable A4 PDF (product.md part 9: a handout with figures and a code that opens the program
/// in the app). Drawn with SkiaSharp like <see cref="PdfFigure"/> (docs/adr/0002): vector figures, real text, and the QR
/// code as vector squares. An exercise is never split across pages when it fits on one.
/// </summary>
public static class RoutineHandout
{
    public const string Title = "Your Limber routine";

    private const float PageWidth = PdfFigure.PageWidth, PageHeight = PdfFigure.PageHeight;

    // 1.5 cm: inside the unprintable edge of any office printer, and more room for figures than PdfFigure's 2 cm.
    private const float Margin = 42.5f;
    private const float ContentWidth = PageWidth - 2 * Margin;

    private const float QrSide = 104;
    private const float QrColumn = 150;
    private const float FigureHeight = 135;
    private const float FigureShare = 0.5f;
    private const float Gutter = 16;

    // Properties, not static fields: a static field of a SkiaSharp type would load SkiaSharp at start, when the pages'
    // discovery loads every public type, instead of with the first handout.
    private static SKColor Ink => SkiaSurface.Skia(FigurePalette.Text);
    private static SKColor Muted => SKColor.Parse("#4a5651");
    private static SKColor Accent => SKColor.Parse("#1a6352");
    private static SKColor Alert => SKColor.Parse("#b3261e");
    private static SKColor Hairline => SKColor.Parse("#cfd6d2");

    /// <summary>The name a saved handout gets: limber-routine-2026-11-24.pdf, or limber-program-2026-11-24.pdf for a coach's program.</summary>
    public static string FileName(DateOnly date, bool coach = false) => $"limber-{(coach ? "program" : "routine")}-{RequestValues.Day(date)}.pdf";

    /// <summary>"Tuesday 24 November 2026": paper is kept, so the year is printed too.</summary>
    public static string LongDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    public static byte[] Render(HandoutContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var footer = FooterOf(content);
        var bodyTop = Margin;
        var bodyBottom = PageHeight - Margin - footer.Height - 14;
        var pages = Paginate(Blocks(content), bodyTop, bodyBottom);

        using var stream = new MemoryStream();
        // No dates in the metadata: the same routine makes the same bytes, and the file says no more than it shows.
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{content.Heading}, {LongDate(content.Date)}",
            Subject = "A day's stretching, mobility and strength routine, with figures, steps and doses",
            Creator = "Limber",
            RasterDpi = SKDocumentPdfMetadata.DefaultRasterDpi,
            EncodingQuality = SKDocumentPdfMetadata.DefaultEncodingQuality,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata)
            ?? throw new InvalidOperationException("This SkiaSharp build cannot write PDF."))
        {
            for (var number = 1; number <= pages.Count; number++)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                using (var pen = new Pen(canvas))
                {
                    foreach (var (row, top) in pages[number - 1])
                    {
                        row.Draw(pen, top);
                    }
                    footer.Draw(pen, number, pages.Count);
                }
                document.EndPage();
            }
            document.Close();
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Places the blocks' rows on pages: a block that does not fit in what is left of a page starts the next one, unless
    /// it would not fit on a whole page either (then its rows flow on). A block kept with the next one (a part's heading)
    /// moves with it.
    /// </summary>
    private static List<List<(Row Row, float Top)>> Paginate(IReadOnlyList<Block> blocks, float top, float bottom)
    {
        var pages = new List<List<(Row, float)>> { new() };
        var y = top;
        var room = bottom - top;
        for (var i = 0; i < blocks.Count; i++)
        {
            var needed = blocks[i].Height;
            for (var j = i; blocks[j].KeepWithNext && j + 1 < blocks.Count; j++)
            {
                needed += blocks[j + 1].Height;
            }
            if (y > top && y + needed > bottom && needed <= room)
            {
                pages.Add([]);
                y = top;
            }
            foreach (var row in blocks[i].Rows)
            {
                if (y > top && y + row.Height > bottom)
                {
                    pages.Add([]);
                    y = top;
                }
                pages[^1].Add((row, y));
                y += row.Height;
            }
        }
        return pages;
    }

    private static List<Block> Blocks(HandoutContent content)
    {
        var blocks = new List<Block> { new([TitleRow(content)]), new([Spacer(12), SafetyRow(), Spacer(6)]) };
        var number = 0;
        foreach (var part in content.Parts)
        {
            blocks.Add(new([PartHeading(Today.PartName(part.Part))], KeepWithNext: true));
            foreach (var exercise in part.Exercises)
            {
                blocks.Add(new([.. ExerciseRows(++number, exercise)]));
            }
        }
        return blocks;
    }

    private static Row TitleRow(HandoutContent content)
    {
        var left = ContentWidth - QrColumn - Gutter;
        var count = content.Parts.Sum(p => p.Exercises.Count);
        var words = new List<Line>();
        words.AddRange(Wrap(content.Heading, 24, Ink, bold: true, left, leading: 30));
        if (content.Coach is { } coach)
        {
            words.AddRange(Wrap($"From your coach, {coach.CoachName}", 12, Accent, bold: true, left, leading: 18));
        }
        words.AddRange(Wrap(LongDate(content.Date), 14, Ink, bold: false, left, leading: 20));
        words.Add(Line.Gap(4));
        var exercises = $"About {Today.Minutes(content.TotalSeconds)} in all, {count} {(count == 1 ? "exercise" : "exercises")}";
        words.AddRange(Wrap(content.Coach is null ? $"{exercises} (you asked for {content.TargetMinutes} minutes)." : $"{exercises}, chosen by your coach.",
            10.5f, Ink, bold: false, left));
        foreach (var note in content.Notes)
        {
            words.AddRange(Wrap(note, 9.5f, Muted, bold: false, left));
        }
        words.Add(Line.Gap(4));
        words.AddRange(Wrap("Work through the exercises in order. The drawings show the start and the end of each movement.",
            9.5f, Muted, bold: false, left));

        var modules = QrSquares.Modules(content.PlayUrl);
        var caption = new List<Line>();
        caption.AddRange(Wrap(content.Coach is null
            ? "Scan to start today's session in the app, with timers and spoken cues:"
            : "Scan to open your program in the app, with a guided session, timers and spoken cues:", 8, Ink, bold: false, QrColumn));
        // The address on one line if it can be read at 6 points, so that it can be typed from the paper.
        var natural = (float)SkiaSurface.TextWidth(content.PlayUrl, 7.5f, false);
        caption.AddRange(Wrap(content.PlayUrl, Math.Max(6, Math.Min(7.5f, 7.5f * QrColumn / natural)), Ink, bold: false, QrColumn, leading: 10));
        var height = Math.Max(Line.Height(words), QrSide + 4 + Line.Height(caption));
        return new Row(height, (pen, top) =>
        {
            pen.Lines(words, Margin, top);
            var qr = SKRect.Create(PageWidth - Margin - QrSide, top, QrSide, QrSide);
            QrSquares.Draw(pen.Canvas, qr, modules, SKColors.Black);
            // The caption lines up with the right edge of the code itself, inside its quiet zone.
            var module = QrSide / (modules.GetLength(0) + 2 * QrSquares.QuietZone);
            pen.Lines(caption, qr.Right - QrSquares.QuietZone * module, qr.Bottom + 4, alignRight: true);
        });
    }

    private static Row SafetyRow()
    {
        const float bar = 4, pad = 10;
        var lines = Wrap(SafetyNotice.StopAnyExercise + " " + SafetyNotice.PullNotPain, 10.5f, Ink, bold: true, ContentWidth - bar - pad);
        var height = Line.Height(lines) + 8;
        return new Row(height, (pen, top) =>
        {
            pen.Box(Margin, top, bar, height, Alert);
            pen.Lines(lines, Margin + bar + pad, top + 4);
        });
    }

    private static Row Spacer(float height) => new(height, (_, _) => { });

    private static Row PartHeading(string name) => new(34, (pen, top) =>
    {
        pen.Text(name, Margin, top + 24, 13, Accent, bold: true);
        pen.Rule(Margin, top + 30, Margin + ContentWidth, Accent, 1);
    });

    private static IEnumerable<Row> ExerciseRows(int number, HandoutExercise item)
    {
        var exercise = item.Exercise;
        var name = $"{number.ToString(CultureInfo.InvariantCulture)}. {exercise.Name}";
        var heading = Wrap(name, 13.5f, Ink, bold: true, ContentWidth, leading: 18);
        yield return new Row(Line.Height(heading) + 6, (pen, top) => pen.Lines(heading, Margin, top + 4));

        // The figure at the left, as large as its share of the width and the height allow; the words flow beside it
        // while there is room there, then across the whole width: a tall, narrow figure leaves a wide column.
        var (figureWidth, figureHeight) = (0f, 0f);
        if (item.Figure is { } layout)
        {
            var (width, height) = StillPair.Size(layout);
            var scale = Math.Min(ContentWidth * FigureShare / width, FigureHeight / height);
            (figureWidth, figureHeight) = ((float)(width * scale), (float)(height * scale));
        }
        var flow = new Flow(figureWidth > 0 ? Margin + figureWidth + Gutter : Margin, figureHeight);
        flow.Paragraph(item.Dose.Describe(), 11.5f, Accent, bold: true, leading: 16);
        flow.Paragraph($"About {Today.Minutes(item.Seconds)}", 9.5f, Muted, bold: false, leading: 13);
        if (item.CoachNote is { Length: > 0 } note)
        {
            flow.Gap(3);
            // A note typed on several lines prints as one paragraph: the lines are wrapped to the column anyway.
            flow.Paragraph($"Note from your coach: {string.Join(' ', note.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}",
                10.5f, Ink, bold: true, leading: 14.5f);
        }
        flow.Gap(5);
        for (var i = 0; i < exercise.Steps.Count; i++)
        {
            flow.Paragraph(exercise.Steps[i], 10.5f, Ink, bold: false, leading: 14.5f, marker: (i + 1).ToString(CultureInfo.InvariantCulture) + ".");
        }
        flow.Gap(4);
        foreach (var cue in exercise.Cues.Take(2))
        {
            flow.Paragraph(cue, 9.5f, Muted, bold: false, leading: 13, marker: "•");
        }
        flow.Gap(4);
        flow.Paragraph(SafetyNotice.StopIf, 9.5f, Alert, bold: true, leading: 13);

        // The figure and the lines beside it are one row; each line after them is a row of its own (with the gap above
        // the next), so that a very long exercise could still flow onto the next page.
        var beside = flow.Placed.TakeWhile(p => p.Beside).ToList();
        var below = flow.Placed.Skip(beside.Count).ToList();
        var firstBelow = below.Count > 0 ? below[0].Y : flow.Height;
        yield return new Row(Math.Max(figureHeight + 6, firstBelow), (pen, top) =>
        {
            if (item.Figure is { } figure)
            {
                PdfFigure.Draw(pen.Canvas, SKRect.Create(Margin, top, figureWidth, figureHeight), exercise, figure, BodySide.Working);
            }
            foreach (var (line, x, y, _) in beside)
            {
                pen.Lines([line], x, top + y);
            }
        });
        for (var i = 0; i < below.Count; i++)
        {
            var (line, x, y, _) = below[i];
            var next = i + 1 < below.Count ? below[i + 1].Y : flow.Height;
            yield return new Row(next - y, (pen, top) => pen.Lines([line], x, top));
        }
        yield return new Row(20, (pen, top) => pen.Rule(Margin, top + 10, Margin + ContentWidth, Hairline, 0.75f));
    }

    /// <summary>
    /// Paragraphs placed beside a figure while they start above its bottom, then across the content width.
    /// </summary>
    private sealed class Flow(float besideLeft, float figureBottom)
    {
        public List<(Line Line, float X, float Y, bool Beside)> Placed { get; } = [];

        /// <summary>The height of everything placed so far, gaps included.</summary>
        public float Height { get; private set; }

        public void Gap(float height) => Height += height;

        public void Paragraph(string text, float size, SKColor colour, bool bold, float leading, string? marker = null)
        {
            var indent = marker is null ? 0 : size * 1.8f;
            var words = new Queue<string>(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            var first = true;
            // A paragraph that starts beside the figure stays in that column, so its lines keep one left edge.
            var beside = Height < figureBottom;
            var left = beside ? besideLeft : Margin;
            var width = Margin + ContentWidth - left - indent;
            while (words.Count > 0)
            {
                var line = words.Dequeue();
                while (words.Count > 0 && SkiaSurface.TextWidth(line + " " + words.Peek(), size, bold) <= width)
                {
                    line += " " + words.Dequeue();
                }
                Placed.Add((new Line(line, size, colour, bold, leading) { Indent = indent, Marker = first ? marker : null }, left, Height, beside));
                Height += leading;
                first = false;
            }
        }
    }

    private static Footer FooterOf(HandoutContent content)
    {
        var lines = new List<Line>();
        lines.AddRange(Wrap(SafetyNotice.CallInEmergency(content.Emergency) + " " + SafetyNotice.GetHelpAtOnce, 7.5f, Ink, bold: false, ContentWidth, leading: 10));
        lines.AddRange(Wrap(SafetyNotice.Disclaimer, 7.5f, Muted, bold: false, ContentWidth, leading: 10));
        return new Footer(lines, $"{content.Heading} · {LongDate(content.Date)}");
    }

    /// <summary>Words broken into lines no wider than <paramref name="width"/>; a word longer than a line (an address) is cut.</summary>
    private static List<Line> Wrap(string text, float size, SKColor colour, bool bold, float width, float? leading = null)
    {
        var spacing = leading ?? size * 1.35f;
        var lines = new List<Line>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && Width(candidate) > width)
            {
                lines.Add(new Line(current, size, colour, bold, spacing));
                candidate = word;
            }
            current = candidate;
            while (current.Length > 1 && Width(current) > width)
            {
                var cut = current.Length - 1;
                while (cut > 1 && Width(current[..cut]) > width)
                {
                    cut--;
                }
                lines.Add(new Line(current[..cut], size, colour, bold, spacing));
                current = current[cut..];
            }
        }
        if (current.Length > 0)
        {
            lines.Add(new Line(current, size, colour, bold, spacing));
        }
        return lines;

        float Width(string s) => (float)SkiaSurface.TextWidth(s, size, bold);
    }

    /// <summary>A line of text (or, without text, a gap) in a stack of lines.</summary>
    private sealed record Line(string Text, float Size, SKColor Colour, bool Bold, float Leading)
    {
        public float Indent { get; init; }

        public string? Marker { get; init; }

        public static Line Gap(float height) => new("", 0, SKColors.Transparent, false, height);

        public static float Height(IEnumerable<Line> lines) => lines.Sum(l => l.Leading);
    }

    /// <summary>A strip of a page, drawn with its top at a given y.</summary>
    private sealed record Row(float Height, Action<Pen, float> Draw);

    /// <summary>Rows that stay on one page when they fit on one.</summary>
    private sealed record Block(IReadOnlyList<Row> Rows, bool KeepWithNext = false)
    {
        public float Height => Rows.Sum(r => r.Height);
    }

    /// <summary>The foot of every page: the emergency number, the disclaimer, the date and the page number.</summary>
    private sealed record Footer(IReadOnlyList<Line> Lines, string Label)
    {
        private const float LabelLeading = 12;

        public float Height => Line.Height(Lines) + LabelLeading + 6;

        public void Draw(Pen pen, int page, int pages)
        {
            var top = PageHeight - Margin - Height;
            pen.Rule(Margin, top, Margin + ContentWidth, Hairline, 0.75f);
            pen.Lines(Lines, Margin, top + 6);
            var baseline = PageHeight - Margin - 3;
            pen.Text(Label, Margin, baseline, 7.5f, Muted, bold: false);
            var number = $"Page {page.ToString(CultureInfo.InvariantCulture)} of {pages.ToString(CultureInfo.InvariantCulture)}";
            pen.Text(number, Margin + ContentWidth - (float)SkiaSurface.TextWidth(number, 7.5f, false), baseline, 7.5f, Muted, bold: false);
        }
    }

    /// <summary>What the rows draw with on a page: text in the figures' font, rules and boxes.</summary>
    private sealed class Pen(SKCanvas canvas) : IDisposable
    {
        private readonly SKPaint _paint = new() { IsAntialias = true };

        public SKCanvas Canvas => canvas;

        public void Text(string text, float x, float baseline, float size, SKColor colour, bool bold)
        {
            using var font = SkiaFonts.Font(size, bold);
            _paint.Style = SKPaintStyle.Fill;
            _paint.Color = colour;
            canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, _paint);
        }

        /// <summary>Stacks lines from <paramref name="top"/>, left-aligned at x, or right-aligned to it.</summary>
        public void Lines(IEnumerable<Line> lines, float x, float top, bool alignRight = false)
        {
            var y = top;
            foreach (var line in lines)
            {
                if (line.Text.Length > 0)
                {
                    // The baseline sits so that the line's capitals centre in its leading.
                    var baseline = y + (line.Leading + line.Size * 0.72f) / 2;
                    var left = alignRight ? x - (float)SkiaSurface.TextWidth(line.Text, line.Size, line.Bold) : x + line.Indent;
                    if (line.Marker is { } marker)
                    {
                        Text(marker, x, baseline, line.Size, line.Colour, bold: true);
                    }
                    Text(line.Text, left, baseline, line.Size, line.Colour, line.Bold);
                }
                y += line.Leading;
            }
        }

        public void Rule(float from, float y, float to, SKColor colour, float width)
        {
            _paint.Style = SKPaintStyle.Stroke;
            _paint.StrokeWidth = width;
            _paint.Color = colour;
            canvas.DrawLine(from, y, to, y, _paint);
        }

        public void Box(float x, float y, float width, float height, SKColor colour)
        {
            _paint.Style = SKPaintStyle.Fill;
            _paint.Color = colour;
            canvas.DrawRect(SKRect.Create(x, y, width, height), _paint);
        }

        public void Dispose() => _paint.Dispose();
    }
}
