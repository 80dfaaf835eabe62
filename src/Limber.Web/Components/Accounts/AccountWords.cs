using Limber.Web.Accounts;

namespace Limber.Web.Components.Accounts;

/// <summary>The words every account form uses for the same problems.</summary>
public static class AccountWords
{
    /// <summary>What is wrong with an e-mail address typed into a form, in words; null when nothing is.</summary>
    public static string? EmailFieldError(string? email) =>
        AuthApi.EmailProblem(email) is null ? null
        : string.IsNullOrWhiteSpace(email) ? "Enter your e-mail address."
        : email.Length > AuthApi.MaximumEmailLength ? $"Your e-mail address can be at most {AuthApi.MaximumEmailLength} characters long."
        : "Enter your e-mail address in the form name@example.org.";
}
