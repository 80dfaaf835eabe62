using Limber.Domain.Safety;

namespace Limber.Web.Safety;

/// <summary>
/// The safety words that go with every routine and every page footer, in one place so that the screen and the printed
/// handout say the same thing.
/// </summary>
public static class SafetyNotice
{
    /// <summary>What stops an exercise at once: safety.md section 4, in the words a person uses.</summary>
    public const string StopSigns = "sharp, stabbing or electric pain, or pain spreading into a leg";

    /// <summary>The line under each exercise of a handout, and on an exercise's page.</summary>
    public const string StopIf = "Stop if you feel " + StopSigns + ".";

    /// <summary>Today's line under the routine.</summary>
    public const string StopAnyExercise = "Stop any exercise that causes " + StopSigns + ", and choose an easier one.";

    public const string PullNotPain = "A stretch should feel like a pull, not pain.";

    /// <summary>The footer's second sentence after the emergency number: the signs to get help for at once.</summary>
    public const string GetHelpAtOnce = "Stop and get help at once if you have new numbness around your genitals or bottom, trouble peeing, "
        + "loss of bowel control, or weakness in both legs.";

    /// <summary>The footer's disclaimer (product.md: a wellness tool, not a medical device).</summary>
    public const string Disclaimer = "Limber is a wellness tool, not a medical device. It is not intended to diagnose, treat, cure or prevent any "
        + "condition, and it is not a substitute for advice from a doctor or physiotherapist.";

    public static string CallInEmergency(EmergencyNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return $"In an emergency call {number.Text}.";
    }
}
