namespace Limber.Domain.Safety;

/// <summary>
/// The outcome of <see cref="WarningSignScreen.Validate"/>: a complete screen, or every problem found.
/// </summary>
public sealed record ScreenValidation(CompleteScreen? Screen, IReadOnlyList<ScreenError> Errors)
{
    public bool IsValid => Screen is not null;
}

/// <summary>
/// One problem with a submitted screen, in plain words that name the field.
/// </summary>
/// <param name="Field"><c>age</c>, <c>firstEpisode</c>, <c>answers</c> or <c>answers.{id}</c>.</param>
/// <param name="Message">What is wrong and how to put it right.</param>
public sealed record ScreenError(string Field, string Message);
