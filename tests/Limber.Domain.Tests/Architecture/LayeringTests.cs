using System.Reflection;
using Limber.Domain.Catalogue;

namespace Limber.Domain.Tests.Architecture;

/// <summary>Web → Storage → Domain; Domain → nothing but the base library, YAML parsing and Markdown (Markdig, pure) for the guides.</summary>
public class LayeringTests
{
    private static readonly Assembly Domain = typeof(Exercise).Assembly;

    [Fact]
    public void The_domain_references_neither_ASP_NET_Core_nor_EF_Core()
    {
        var forbidden = Domain.GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                     || n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                     || n.StartsWith("Microsoft.Extensions", StringComparison.Ordinal)
                     || n.StartsWith("Limber.", StringComparison.Ordinal))
            .ToList();
        forbidden.ShouldBeEmpty();
    }

    [Fact]
    public void The_domain_project_file_has_no_framework_or_project_references()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "src", "Limber.Domain", "Limber.Domain.csproj"));
        project.ShouldNotContain("FrameworkReference");
        project.ShouldNotContain("ProjectReference");
        project.ShouldNotContain("Microsoft.AspNetCore");
        project.ShouldNotContain("EntityFrameworkCore");
    }

    [Fact]
    public void Storage_does_not_reference_the_web_project()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "src", "Limber.Storage", "Limber.Storage.csproj"));
        project.ShouldNotContain("Limber.Web");
    }

    [Fact]
    public void The_domain_does_no_file_or_network_input_and_output()
    {
        // Pure: content arrives as text. File, Directory, HttpClient and sockets belong to the host.
        string[] forbiddenTypes = ["System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.Net.Http.HttpClient", "System.Net.Sockets.Socket"];
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src", "Limber.Domain"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            foreach (var type in forbiddenTypes)
            {
                var shortName = type[(type.LastIndexOf('.') + 1)..];
                text.ShouldNotContain($" {shortName}.", Case.Sensitive, $"{file} uses {type}");
            }
        }
    }
}
