using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Limber.Web.Hosting;

/// <summary>Problems with a request, by field, answered as one problem+json with every message.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        if (!list.Contains(message, StringComparer.Ordinal))
        {
            list.Add(message);
        }
    }

    public ValidationProblem ToProblem(string title)
    {
        var all = _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
        return TypedResults.ValidationProblem(all, title: title, detail: string.Join(" ", all.SelectMany(e => e.Value)));
    }

    public static ValidationProblem One(string title, string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors.ToProblem(title);
    }

    /// <summary>A field name from the request, shortened so an answer never echoes a huge name back.</summary>
    public static string Clip(string value) => value.Length <= 60 ? value : value[..60] + "...";
}

/// <summary>
/// Reads a JSON object body by hand, so that every kind of bad input gets a 4xx that names the problem:
/// too large (413), not JSON (415), malformed (400 naming line and position), not an object (400).
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>The parsed body, or the answer to give instead. The caller disposes the document.</summary>
    public static async Task<(JsonDocument? Document, IResult? Refusal)> ReadObjectAsync(
        HttpRequest request, string title, string shape, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The body must be JSON", detail: "Send the body as application/json."));
        }

        var body = await ReadCapped(request.Body, ct);
        if (body is null)
        {
            return (null, TooLarge());
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return (null, FieldErrors.One(title, "body",
                $"The body is not valid JSON (line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1})."));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, FieldErrors.One(title, "body", $"The body must be a JSON object with {shape}."));
        }
        if (BrokenText(document.RootElement, "") is { } field)
        {
            document.Dispose();
            return (null, FieldErrors.One(title, field.Length == 0 ? "body" : field,
                $"{(field.Length == 0 ? "A field name" : field)} is not valid text: it holds a broken Unicode escape (a lone surrogate)."));
        }
        return (document, null);
    }

    /// <summary>
    /// The path of the first string or field name that is not valid UTF-16 (JSON allows a lone <c>\ud800</c>
    /// escape, .NET strings cannot hold it as text), so that reading it later never throws; null when all is well.
    /// A broken field name is reported at its parent's path.
    /// </summary>
    private static string? BrokenText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Readable(() => element.GetString()) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path;
                    }
                    if (BrokenText(property.Value, path.Length == 0 ? FieldErrors.Clip(name) : $"{path}.{FieldErrors.Clip(name)}") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (BrokenText(item, $"{path}[{index++}]") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static bool Readable(Func<string?> read)
    {
        try
        {
            _ = read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// A string field: its value, or null with an error when it is there but not a string. A missing or null
    /// field is null with no error; the caller says whether it is required.
    /// </summary>
    public static string? Text(JsonProperty property, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String:
                return property.Value.GetString();
            case JsonValueKind.Null:
                return null;
            default:
                errors.Add(property.Name, $"{property.Name} must be a string.");
                return null;
        }
    }

    /// <summary>Adds an error for every property not in <paramref name="fields"/>.</summary>
    public static void RefuseUnknown(JsonProperty property, IReadOnlyCollection<string> fields, string what, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var name = FieldErrors.Clip(property.Name);
        errors.Add(name, fields.Count == 0
            ? $"'{name}' is not a field of {what}; send an empty object."
            : $"'{name}' is not a field of {what}; use {string.Join(", ", fields)}.");
    }

    /// <summary>Reads at most <see cref="MaxBytes"/>; null when the body is longer (a chunked body has no length up front).</summary>
    private static async Task<byte[]?> ReadCapped(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The body is too large",
        detail: $"A request body is at most {MaxBytes / 1024} KB of JSON.");
}
