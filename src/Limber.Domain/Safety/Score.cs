namespace Limber.Domain.Safety;

/// <summary>The 0–10 scale every pain entry uses (safety.md section 6).</summary>
internal static class Score
{
    public const int Lowest = 0, Highest = 10;

    public static void Check(int score, string name)
    {
        if (score is < Lowest or > Highest)
        {
            throw new ArgumentOutOfRangeException(name, score, $"{name} must be on the 0–10 scale.");
        }
    }

    public static void Check(double score, string name)
    {
        if (double.IsNaN(score) || score < Lowest || score > Highest)
        {
            throw new ArgumentOutOfRangeException(name, score, $"{name} must be on the 0–10 scale.");
        }
    }
}
