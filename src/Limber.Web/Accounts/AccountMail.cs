using System.Text;
using Limber.Storage;
using Limber.Web.Accounts.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Limber.Web.Accounts;

/// <summary>
/// The account e-mails with their links: confirm the address, reset the password. Links point at this site's
/// pages, from <c>Limber:PublicUrl</c> when set (behind a proxy), else from the request. A mail that cannot be
/// sent is logged without the address and does not fail the request: the page offers to send it again.
/// </summary>
public sealed class AccountMail(UserManager<Person> users, IEmailSender<Person> sender, IConfiguration config, ILogger<AccountMail> log)
{
    /// <summary>Sends the confirmation link; false when the mail could not be sent.</summary>
    public async Task<bool> SendConfirmationAsync(Person person, HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var token = await users.GenerateEmailConfirmationTokenAsync(person);
        var link = Link(request, "/account/confirm-email", new() { ["id"] = person.Id.ToString(), ["code"] = Encode(token) });
        return await TrySendAsync(() => sender.SendConfirmationLinkAsync(person, person.Email!, link), "confirmation");
    }

    /// <summary>Sends the password-reset link; false when the mail could not be sent.</summary>
    public async Task<bool> SendPasswordResetAsync(Person person, HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var token = await users.GeneratePasswordResetTokenAsync(person);
        var link = Link(request, "/account/reset-password", new() { ["id"] = person.Id.ToString(), ["code"] = Encode(token) });
        return await TrySendAsync(() => sender.SendPasswordResetLinkAsync(person, person.Email!, link), "password reset");
    }

    /// <summary>A token from a link back to Identity's form; null when it is not one of ours.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 4096)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private string Link(HttpRequest request, string path, Dictionary<string, string?> query)
    {
        var configured = config["Limber:PublicUrl"];
        var root = string.IsNullOrWhiteSpace(configured) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : configured.TrimEnd('/');
        return QueryHelpers.AddQueryString(root + path, query);
    }

    private async Task<bool> TrySendAsync(Func<Task> send, string kind)
    {
        try
        {
            await send();
            return true;
        }
        catch (MailNotSentException)
        {
            log.LogWarning("The {Kind} e-mail could not be sent; the person can ask for it again.", kind);
            return false;
        }
    }
}
