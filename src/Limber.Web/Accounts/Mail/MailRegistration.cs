using Limber.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Limber.Web.Accounts.Mail;

public static class MailRegistration
{
    /// <summary>
    /// Registers <see cref="MailSettings"/> (read now, so bad settings stop start-up), the SMTP
    /// transport or, with no SMTP host, the folder one, and <see cref="AccountMailer"/> as
    /// Identity's <see cref="IEmailSender{TUser}"/>, replacing Identity's do-nothing sender
    /// whichever is registered first. Uses the host's <see cref="TimeProvider"/> when it has one.
    /// </summary>
    /// <exception cref="InvalidOperationException">A <c>Limber:Mail</c> setting is invalid; the message names it.</exception>
    public static IServiceCollection AddLimberMail(this IServiceCollection services, IConfiguration config, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = MailSettings.FromConfiguration(config, dataFolder);
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions();
        services.AddLogging();
        if (settings.OutboxFolder is { } folder)
        {
            services.AddSingleton<IMailTransport>(provider => new FolderMailTransport(
                folder, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<FolderMailTransport>>()));
        }
        else
        {
            services.AddSingleton<IMailTransport>(new SmtpMailTransport(settings));
        }
        services.RemoveAll<IEmailSender<Person>>();
        services.AddSingleton<IEmailSender<Person>, AccountMailer>();
        return services;
    }
}
