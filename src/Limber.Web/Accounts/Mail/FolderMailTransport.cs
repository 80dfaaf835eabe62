using System.Security.Cryptography;
using MimeKit;

namespace Limber.Web.Accounts.Mail;

/// <summary>
/// Writes each message as an RFC 5322 <c>.eml</c> file (opens in any mail program) named
/// <c>yyyyMMdd-HHmmss-fff-&lt;random&gt;.eml</c>, so a list of the folder is in sending order.
/// </summary>
public sealed partial class FolderMailTransport(string folder, TimeProvider time, ILogger<FolderMailTransport> logger) : IMailTransport
{
    // CRLF as on the wire, and lines up to SMTP's 998 limit left readable: the link in the
    // plain-text part stays on one line, so a developer can copy it from the raw file.
    private static readonly FormatOptions _format = CreateFormat();

    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        message.Prepare(EncodingConstraint.SevenBit, maxLineLength: 998);

        var name = $"{time.GetUtcNow():yyyyMMdd-HHmmss-fff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.eml";
        var path = Path.Combine(Folder, name);
        // Written under a name no *.eml reader matches, then renamed within the folder (atomic on
        // one file system), so nobody ever opens half a message.
        var temporary = Path.Combine(Folder, $".{name}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileOptionsFor()))
            {
                await message.WriteToAsync(_format, file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        // The file name is a time and random letters: nothing about the person.
        LogWritten(logger, path);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail written to {Path}")]
    private static partial void LogWritten(ILogger logger, string path);

    // A reset link is as good as a password for a day: only the account running Limber may read it.
    private static FileStreamOptions FileOptionsFor()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        return options;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }
}
