global using Limber.Testing;

namespace Limber.Web.Tests;

/// <summary>One running app shared by every test class that asks for it.</summary>
[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<LimberServer>
{
    public const string Name = "server";
}
