using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Limber.Web.Tests;

/// <summary>
/// The real app on a real Kestrel port on 127.0.0.1, with its own throw-away data folder.
/// Clients talk to it over HTTP, as any API client would.
/// </summary>
public sealed class LimberServer : WebApplicationFactory<global::Program>
{
    private readonly string _data = Directory.CreateTempSubdirectory("limber-web-tests-").FullName;

    public LimberServer()
    {
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public HttpClient CreateHttpClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Limber:DataPath", _data);
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by SQLite is cleaned up with the temp folder later.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<LimberServer>
{
    public const string Name = "server";
}
