using System.Globalization;
using System.Net;
using System.Text;
using Limber.Domain.Progress;
using Limber.Domain.Safety;

namespace Limber.Web.Progress;

/// <summary>
/// The progress charts as SVG made on the server (architecture.md): each has a title and a description that say what
/// it shows in words, and the page puts a table of the same numbers beside it. Colours come from classes that
/// progress.css sets for light and dark, so nothing here needs a style attribute (the CSP allows none).
/// </summary>
public static class ProgressCharts
{
    // A phone-sized canvas: on a 360-px screen the labels show at about their own size; wider screens cap it in CSS.
    private const int Width = 400, Height = 210, Left = 30, Right = 8, Top = 12, Bottom = 26;
    private const int PlotWidth = Width - Left - Right, PlotHeight = Height - Top - Bottom;

    /// <summary>Pain: the 7-day mean against the baseline, the meaningful-change line and the usual window shaded.</summary>
    public static string Pain(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var latest = report.Pain.LastOrDefault(p => p.MeanOf7Days is not null)?.MeanOf7Days;
        var desc = latest is { } mean
            ? $"Your pain, as the mean of each 7 days, from {Day(report.From)} to {Day(report.To)}: now {N(mean)} out of 10; "
              + $"you started at {report.BaselinePain}. A meaningful improvement would be {N(report.MeaningfulChange)} or lower. "
              + report.Watch.UsualWindow.Text
            : $"No pain entries yet from {Day(report.From)} to {Day(report.To)}. Check in to see your pain over the weeks.";
        var svg = Open("pain", "Pain over the weeks (7-day mean)", desc);
        var window = report.Watch.UsualWindow;
        if (window.Start <= report.To && window.End >= report.From)
        {
            var x1 = X(Max(window.Start, report.From), report);
            var x2 = X(Min(window.End, report.To), report) + DayWidth(report);
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"window\" x=\"{N(x1)}\" y=\"{Top}\" width=\"{N(Math.Max(1, x2 - x1))}\" height=\"{PlotHeight}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{N(x1 + 4)}\" y=\"{Top + 12}\">usual window</text>");
        }
        Axis(svg, report, 10);
        HorizontalLine(svg, "baseline", report.BaselinePain, $"start {report.BaselinePain}");
        HorizontalLine(svg, "meaningful", report.MeaningfulChange, $"better {N(report.MeaningfulChange)}");
        Line(svg, "series", report, report.Pain.Select(p => p.MeanOf7Days).ToList(), 10);
        Dots(svg, report, report.Pain.Select(p => (double?)p.Pain).ToList(), 10);
        return Close(svg);
    }

    /// <summary>Stiffness (0-10) each day it was checked in.</summary>
    public static string Stiffness(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var values = report.Stiffness.Select(s => (double?)s.Stiffness).ToList();
        var given = values.Where(v => v is not null).ToList();
        var desc = given.Count == 0
            ? "No stiffness entries yet. The check-in asks how stiff you feel, 0 to 10."
            : $"How stiff you felt, 0 to 10, on {given.Count} days from {Day(report.From)} to {Day(report.To)}: lately {N(given[^1]!.Value)}.";
        var svg = Open("stiffness", "Stiffness over the weeks", desc);
        Axis(svg, report, 10);
        Line(svg, "series", report, values, 10);
        Dots(svg, report, values, 10);
        return Close(svg);
    }

    /// <summary>Everyday activities (the mean of the 3-5 activities, 0-10, 10 = as before) each time they were rated.</summary>
    public static string Activity(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var desc = report.Activity.Count == 0
            ? $"Your everyday activities scored {N(report.BaselineActivity)} out of 10 at the start. They are rated again every two weeks."
            : $"Your everyday activities, 0 to 10 where 10 is as before: {N(report.BaselineActivity)} at the start, "
              + $"{N(report.Activity[^1].Score)} on {Day(report.Activity[^1].Date)}. About 2 points is a meaningful change.";
        var svg = Open("activity", "Everyday activities", desc);
        Axis(svg, report, 10);
        HorizontalLine(svg, "baseline", report.BaselineActivity, $"start {N(report.BaselineActivity)}");
        var byDay = report.Activity.GroupBy(a => a.Date).ToDictionary(g => g.Key, g => g.Last().Score);
        var values = report.Pain.Select(p => byDay.TryGetValue(p.Date, out var s) ? s : (double?)null).ToList();
        // Ratings are weeks apart: join them with one line rather than leaving single dots.
        var points = values.Select((v, i) => (v, i)).Where(p => p.v is not null).Select(p => $"{N(X(report.Pain[p.i].Date, report) + DayWidth(report) / 2)},{N(Y(p.v!.Value, 10))}").ToList();
        if (points.Count > 1)
        {
            svg.Append("<polyline class=\"series\" points=\"").AppendJoin(' ', points).Append("\"/>");
        }
        Dots(svg, report, values, 10);
        return Close(svg);
    }

    /// <summary>The adherence calendar: a square a day, Monday at the top, shaded by the sessions done.</summary>
    public static string Adherence(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var a = report.Adherence;
        var first = a.Days.Count == 0 ? report.From : a.Days[0].Date;
        var offset = ((int)first.DayOfWeek + 6) % 7;
        var weeks = (offset + a.Days.Count + 6) / 7;
        const int cell = 14, gap = 3, top = 16, left = 28;
        var width = left + weeks * (cell + gap);
        var height = top + 7 * (cell + gap);
        var desc = $"Sessions each day from {Day(report.From)} to {Day(report.To)}: done on {a.DaysDoneLast7} of the last 7 days and "
            + $"{a.DaysDoneLast28} of the last 28; current streak {Days(a.CurrentStreak)}, longest {Days(a.LongestStreak)}.";
        var svg = new StringBuilder(256 + a.Days.Count * 120);
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart calendar\" viewBox=\"0 0 {Math.Max(width, Width)} {height}\" role=\"img\" aria-labelledby=\"adherence-title adherence-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title id=\"adherence-title\">Sessions each day</title><desc id=\"adherence-desc\">").Append(Text(desc)).Append("</desc>");
        string[] names = ["M", "T", "W", "T", "F", "S", "S"];
        for (var d = 0; d < 7; d += 2)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"0\" y=\"{top + d * (cell + gap) + cell - 3}\">{names[d]}</text>");
        }
        for (var i = 0; i < a.Days.Count; i++)
        {
            var day = a.Days[i];
            var slot = offset + i;
            var level = Math.Min(day.Sessions, 2);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"day d{level}\" x=\"{left + slot / 7 * (cell + gap)}\" y=\"{top + slot % 7 * (cell + gap)}\" width=\"{cell}\" height=\"{cell}\" rx=\"2\"/>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>What seemed to help: next-day pain with and without each action that has enough days; empty when none has.</summary>
    public static string WhatHelped(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var shown = report.WhatHelped.Where(h => h.Enough).ToList();
        if (shown.Count == 0)
        {
            return "";
        }
        const int row = 46, labelWidth = 130;
        var height = Top + shown.Count * row + 8;
        var desc = string.Join(" ", shown.Select(h => h.Words));
        var svg = new StringBuilder(512 + shown.Count * 400);
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart helped\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"helped-title helped-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append("<title id=\"helped-title\">Pain the next day, with and without each action</title><desc id=\"helped-desc\">").Append(Text(desc)).Append("</desc>");
        // Room after the longest bar for its label ("without: 4.5 (12 days)").
        var scale = (Width - labelWidth - 130) / 10.0;
        for (var i = 0; i < shown.Count; i++)
        {
            var h = shown[i];
            var y = Top + i * row;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"0\" y=\"{y + 16}\">{Text(Capital(ProgressReport.ActionName(h.Action)))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"with\" x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{N(Math.Max(1, h.NextDayPainWith!.Value * scale))}\" height=\"14\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{N(labelWidth + h.NextDayPainWith.Value * scale + 6)}\" y=\"{y + 16}\">with: {N(h.NextDayPainWith.Value)} ({Days(h.DaysWith)})</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"without\" x=\"{labelWidth}\" y=\"{y + 22}\" width=\"{N(Math.Max(1, h.NextDayPainWithout!.Value * scale))}\" height=\"14\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{N(labelWidth + h.NextDayPainWithout.Value * scale + 6)}\" y=\"{y + 34}\">without: {N(h.NextDayPainWithout.Value)} ({Days(h.DaysWithout)})</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string id, string title, string desc)
    {
        var svg = new StringBuilder(4096);
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart {id}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Text(title)}</title><desc id=\"{id}-desc\">{Text(desc)}</desc>");
        return svg;
    }

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axis(StringBuilder svg, ProgressReport report, double max)
    {
        foreach (var tick in new[] { 0, 5, 10 })
        {
            var y = Y(tick, max);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(y)}\" y2=\"{N(y)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{Left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\">{tick}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{Left}\" y=\"{Height - 8}\">{Text(Short(report.From))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\">{Text(Short(report.To))}</text>");
    }

    private static void HorizontalLine(StringBuilder svg, string kind, double value, string label)
    {
        var y = Y(value, 10);
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{kind}\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(y)}\" y2=\"{N(y)}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{Width - Right - 2}\" y=\"{N(y - 4)}\" text-anchor=\"end\">{Text(label)}</text>");
    }

    /// <summary>A line through the values, broken where there is none.</summary>
    private static void Line(StringBuilder svg, string kind, ProgressReport report, List<double?> values, double max)
    {
        var half = DayWidth(report) / 2;
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{kind}\" points=\"").AppendJoin(' ', run).Append("\"/>");
            }
            run.Clear();
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                run.Add($"{N(X(report.Pain[i].Date, report) + half)},{N(Y(v, max))}");
            }
            else
            {
                Flush();
            }
        }
        Flush();
    }

    private static void Dots(StringBuilder svg, ProgressReport report, List<double?> values, double max)
    {
        var half = DayWidth(report) / 2;
        var r = Math.Clamp(DayWidth(report) / 3, 1.5, 3.5);
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot\" cx=\"{N(X(report.Pain[i].Date, report) + half)}\" cy=\"{N(Y(v, max))}\" r=\"{N(r)}\"/>");
            }
        }
    }

    private static double DayWidth(ProgressReport report) => PlotWidth / (double)Math.Max(1, report.To.DayNumber - report.From.DayNumber + 1);

    private static double X(DateOnly date, ProgressReport report) => Left + (date.DayNumber - report.From.DayNumber) * DayWidth(report);

    private static double Y(double value, double max) => Top + PlotHeight * (1 - Math.Clamp(value, 0, max) / max);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string Day(DateOnly date) => date.ToString("d MMMM", CultureInfo.InvariantCulture);

    private static string Short(DateOnly date) => date.ToString("d MMM", CultureInfo.InvariantCulture);

    private static string Days(int n) => n == 1 ? "1 day" : $"{n} days";

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Text(string s) => WebUtility.HtmlEncode(s);

    /// <summary>The watch's outcome in the words the page shows; null when it has nothing to say.</summary>
    public static string? WatchMessage(WatchResult watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return watch.Reasons.Count == 0 ? null : string.Join(" ", watch.Reasons.Select(r => r.Text));
    }
}
