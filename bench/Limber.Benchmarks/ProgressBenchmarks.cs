using BenchmarkDotNet.Attributes;
using Limber.Domain.Progress;
using Limber.Domain.Safety;
using Limber.Web.Progress;

namespace Limber.Benchmarks;

/// <summary>
/// Target (issue 8): a year of data rendered as the progress page's charts in under 2 ms: the report built from 365 days
/// of check-ins (with self-care actions), sessions and activity ratings, then every chart drawn as SVG.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ProgressBenchmarks
{
    private static readonly DateOnly Start = new(2026, 1, 1);
    private ProgressInput _year = null!;
    private ProgressReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        string[] actions = ["heat", "walk", "yoga", "ice"];
        var checkIns = Enumerable.Range(0, 365)
            .Where(d => random.Next(10) < 9)
            .Select(d => new CheckInEntry(Start.AddDays(d), Math.Clamp(6 - d / 60 + random.Next(-1, 2), 0, 10), random.Next(0, 8), random.Next(0, 60),
                [.. actions.Where(_ => random.Next(3) == 0)]))
            .ToList();
        var sessions = Enumerable.Range(0, 365).SelectMany(d => Enumerable.Repeat(Start.AddDays(d), random.Next(0, 3))).ToList();
        var activity = Enumerable.Range(1, 26).Select(w => new DatedScore(Start.AddDays(w * 14), Math.Min(10, 4 + w * 0.2))).ToList();
        _year = new ProgressInput(Start, Start.AddDays(364), 6, 4, 45, checkIns, sessions, activity);
        _report = ProgressReport.Build(_year);
    }

    /// <summary>The numbers: 7-day means, streaks, the watch, what seemed to help.</summary>
    [Benchmark]
    public ProgressReport BuildAYear() => ProgressReport.Build(_year);

    /// <summary>The five charts of a year, as the page draws them.</summary>
    [Benchmark]
    public int ChartsOfAYear() =>
        ProgressCharts.Pain(_report).Length + ProgressCharts.Stiffness(_report).Length + ProgressCharts.Adherence(_report).Length
        + ProgressCharts.Activity(_report).Length + ProgressCharts.WhatHelped(_report).Length;

    /// <summary>Both: what one progress page costs beyond reading the database.</summary>
    [Benchmark]
    public int ReportAndChartsOfAYear()
    {
        var report = ProgressReport.Build(_year);
        return ProgressCharts.Pain(report).Length + ProgressCharts.Stiffness(report).Length + ProgressCharts.Adherence(report).Length
            + ProgressCharts.Activity(report).Length + ProgressCharts.WhatHelped(report).Length;
    }
}
