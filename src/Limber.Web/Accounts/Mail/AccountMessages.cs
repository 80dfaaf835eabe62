using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using MimeKit;
using MimeKit.Utils;

namespace Limber.Web.Accounts.Mail;

/// <summary>
/// The words of each account e-mail, written once and rendered twice: as plain text and as
/// HTML with inline styles (mail programs ignore style sheets). Nothing about the person goes
/// in beyond their address on the envelope: no name, and never health data.
/// </summary>
internal static class AccountMessages
{
    private const string IgnoreIt = "If you did not ask for this, you can ignore this e-mail.";
    private const string StillWorks = "Until you choose a new password, your current one keeps working.";

    public static MimeMessage Compose(AccountMailKind kind, MailboxAddress from, MailboxAddress to, string linkOrCode, TimeSpan validFor, DateTimeOffset now)
    {
        var lasts = Words(validFor);
        var content = kind switch
        {
            AccountMailKind.EmailConfirmation => new Content(
                "Confirm your e-mail address for Limber",
                "To confirm that this e-mail address belongs to your Limber account, open this link:",
                Link: CheckedLink(linkOrCode), LinkLabel: "Confirm my e-mail address", Code: null,
                $"The link works for {lasts}."),
            AccountMailKind.PasswordResetLink => new Content(
                "Reset your Limber password",
                "Someone asked to reset the password of the Limber account for this e-mail address. To choose a new password, open this link:",
                Link: CheckedLink(linkOrCode), LinkLabel: "Choose a new password", Code: null,
                $"The link works for {lasts}. {StillWorks}"),
            AccountMailKind.PasswordResetCode => new Content(
                "Reset your Limber password",
                "Someone asked to reset the password of the Limber account for this e-mail address. To choose a new password, enter this code where Limber asks for it:",
                Link: null, LinkLabel: null, Code: linkOrCode.Trim(),
                $"The code works for {lasts}. {StillWorks}"),
        };

        var body = new BodyBuilder { TextBody = PlainText(content), HtmlBody = Html(content) };
        var message = new MimeMessage
        {
            Subject = content.Subject,
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Body = body.ToMessageBody(),
        };
        message.From.Add(from);
        message.To.Add(to);
        // RFC 3834: tells vacation responders not to answer an account e-mail.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    /// <summary>How long a link or code works, in words: "1 day", "3 hours", "90 minutes".</summary>
    public static string Words(TimeSpan span)
    {
        if (span >= TimeSpan.FromDays(1) && span.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return Count((int)span.TotalDays, "day");
        }
        if (span >= TimeSpan.FromHours(1) && span.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return Count((int)span.TotalHours, "hour");
        }
        return Count(Math.Max(1, (int)Math.Ceiling(span.TotalMinutes)), "minute");
    }

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString(CultureInfo.InvariantCulture)} {unit}s";

    /// <summary>
    /// Identity's own callers (MapIdentityApi, the scaffolded pages) hand over the link already
    /// HTML-encoded; it is decoded once so it is neither shown with &amp;amp; in the text part nor
    /// encoded twice in the HTML. Identity links carry base64url tokens, so decoding a link that
    /// was not encoded changes nothing. Only absolute http(s) links are accepted.
    /// </summary>
    private static string CheckedLink(string link)
    {
        var decoded = WebUtility.HtmlDecode(link.Trim());
        if (!Uri.TryCreate(decoded, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            // The link itself stays out of the message: it carries a token.
            throw new ArgumentException("An account e-mail link must be an absolute http or https address.", nameof(link));
        }
        return decoded;
    }

    private static string PlainText(Content content)
    {
        var text = new StringBuilder()
            .Append(content.Opening).Append("\n\n")
            .Append(content.Link ?? "    " + content.Code).Append("\n\n")
            .Append(content.Validity).Append("\n\n")
            .Append(IgnoreIt).Append("\n\n")
            .Append("Limber\n");
        return text.ToString();
    }

    private static string Html(Content content)
    {
        var e = HtmlEncoder.Default;
        const string Paragraph = "<p style=\"margin:0 0 16px\">";
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(e.Encode(content.Subject)).Append("</title>\n</head>\n")
            .Append("<body style=\"margin:0;padding:24px 12px;background:#fbfaf7;color:#1d2421;")
            .Append("font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:16px;line-height:1.5\">\n")
            .Append("<div style=\"max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border:1px solid #cfd6d2;border-radius:10px\">\n")
            .Append(Paragraph).Append(e.Encode(content.Opening)).Append("</p>\n");
        if (content.Link is { } link)
        {
            var href = e.Encode(link);
            html.Append("<p style=\"margin:24px 0\"><a href=\"").Append(href)
                .Append("\" style=\"display:inline-block;padding:12px 20px;background:#1a6352;color:#ffffff;")
                .Append("text-decoration:none;border-radius:8px;font-weight:600\">")
                .Append(e.Encode(content.LinkLabel ?? link)).Append("</a></p>\n")
                .Append(Paragraph).Append("If the button does not work, copy this address into your browser:<br>\n")
                .Append("<a href=\"").Append(href).Append("\" style=\"color:#155a4a;word-break:break-all\">")
                .Append(href).Append("</a></p>\n");
        }
        else
        {
            html.Append("<p style=\"margin:24px 0;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:20px;")
                .Append("letter-spacing:1px;word-break:break-all\">").Append(e.Encode(content.Code ?? "")).Append("</p>\n");
        }
        html.Append(Paragraph).Append(e.Encode(content.Validity)).Append("</p>\n")
            .Append("<p style=\"margin:0;color:#4a5651\">").Append(e.Encode(IgnoreIt)).Append("</p>\n")
            .Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    private sealed record Content(string Subject, string Opening, string? Link, string? LinkLabel, string? Code, string Validity);
}
