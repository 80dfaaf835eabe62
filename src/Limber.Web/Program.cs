using Limber.Web.Cli;
using Limber.Web.Hosting;

if (CommandLine.TryRun(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

WebApplication app;
try
{
    app = LimberApp.Build(args);
}
catch (StartupException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The web host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
