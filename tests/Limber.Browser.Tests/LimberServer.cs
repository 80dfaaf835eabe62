using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Limber.Browser.Tests;

/// <summary>The real app on a real Kestrel port on 127.0.0.1, keeping its data in the folder it is given.</summary>
public sealed class LimberServer : WebApplicationFactory<global::Program>
{
    private readonly string _dataPath;

    public LimberServer(string dataPath)
    {
        _dataPath = dataPath;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    /// <summary>The address Kestrel actually bound, port included.</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Limber:DataPath", _dataPath);
        // With no address set, the app would ask for its default port, which a copy someone is running may hold.
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }
}
