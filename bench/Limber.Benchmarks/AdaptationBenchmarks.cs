using BenchmarkDotNet.Attributes;
using Limber.Domain.Catalogue;
using Limber.Domain.Planning;
using Limber.Domain.Safety;

namespace Limber.Benchmarks;

/// <summary>
/// The dose replay (safety.md section 5) runs on every page that shows a routine and after every session or check-in,
/// so it must stay cheap as history grows: six weeks and a whole year of daily sessions of eight exercises, each with
/// a next-morning check-in, replayed from scratch. Target: under 10 ms for a year.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class AdaptationBenchmarks
{
    private static readonly DateOnly Start = new(2026, 1, 5);
    private ExerciseCatalogue _catalogue = null!;
    private AdaptationInput _sixWeeks = null!;
    private AdaptationInput _year = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalogue = CatalogueBenchmarks.LoadRepositoryCatalogue();
        _sixWeeks = History(42);
        _year = History(365);
    }

    /// <summary>A varied but fixed history: mostly easy sessions, now and then a hard one, mornings around the baseline.</summary>
    private AdaptationInput History(int days)
    {
        var exercises = _catalogue.All.Take(8).Select(e => e.Id).ToArray();
        var random = new Random(20261124);
        var feedback = new List<ExerciseFeedbackEntry>();
        var mornings = new List<MorningCheckIn>();
        for (var day = 0; day < days; day++)
        {
            var date = Start.AddDays(day);
            var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(7, 30)), TimeSpan.Zero);
            foreach (var id in exercises)
            {
                var worst = random.Next(10) == 0 ? 6 : random.Next(0, 4);
                var said = worst > 5 ? ExerciseFeedback.Hurt : (ExerciseFeedback)random.Next(0, 3);
                feedback.Add(new ExerciseFeedbackEntry(id, date, at, 3, worst, said));
            }
            mornings.Add(new MorningCheckIn(date.AddDays(1), random.Next(2, 5), random.Next(10, 35)));
        }
        return new AdaptationInput(feedback, mornings, Start, 3, 30, 52);
    }

    [Benchmark]
    public AdaptationResult SixWeeksReplayed() => DoseAdaptation.Replay(_sixWeeks, _catalogue, Start.AddDays(42));

    [Benchmark]
    public AdaptationResult YearReplayed() => DoseAdaptation.Replay(_year, _catalogue, Start.AddDays(365));
}
