namespace Limber.Web.Catalogue;

public static class QueryValues
{
    /// <summary>The values of one query parameter, as the domain's parsers take them.</summary>
    public static Func<string, IReadOnlyList<string>> Of(HttpRequest request) =>
        name => request.Query[name].Where(v => v is not null).Select(v => v!).ToArray();
}
