using System.Text;
using Limber.Domain.Catalogue;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Limber.Domain.Guides;

/// <summary>
/// The Markdown body of a guide: checked for what a guide may not hold (raw HTML, links that leave for another
/// site over plain http or to a script, images from elsewhere, a second top-level heading, code blocks, words Limber avoids),
/// and rendered to HTML with raw HTML switched off.
/// </summary>
internal static class GuideMarkdown
{
    /// <summary>A phone screen or two; a guide much longer than this belongs in two guides.</summary>
    public const int MaxWords = 900;

    // Checking recognises raw HTML so that it can be reported at its line; rendering never lets any through.
    private static readonly MarkdownPipeline Checking = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();
    private static readonly MarkdownPipeline Rendering = new MarkdownPipelineBuilder().DisableHtml().Build();

    /// <summary>Where the guide's body starts in its file, and how to report a problem in it.</summary>
    public sealed record Body(string Text, int FirstLine, Action<int, string> Problem);

    /// <param name="exerciseIds">The catalogue's ids, or null when the catalogue did not load (links to exercises are then not checked).</param>
    /// <param name="guideIds">The ids of every guide file, so that links between guides are checked.</param>
    public static void Check(Body body, IReadOnlySet<string>? exerciseIds, IReadOnlySet<string> guideIds)
    {
        if (body.Text.Trim().Length == 0)
        {
            body.Problem(body.FirstLine, "the guide needs some text after the closing --- line");
            return;
        }
        var words = body.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (words > MaxWords)
        {
            body.Problem(body.FirstLine, $"is {words} words; keep a guide to a phone screen or two (at most {MaxWords} words)");
        }

        var document = Markdown.Parse(body.Text, Checking);
        foreach (var node in document.Descendants())
        {
            var line = body.FirstLine + node.Line;
            switch (node)
            {
                case HtmlBlock or HtmlInline:
                    body.Problem(line, "raw HTML is not allowed in a guide; write Markdown instead");
                    break;
                case CodeBlock:
                    body.Problem(line, "a code block (a line indented by 4 spaces, or fenced with ```) has no place in a guide");
                    break;
                case HeadingBlock { Level: 1 }:
                    body.Problem(line, "the title is the page's only top-level heading: start sections with ## instead of #");
                    break;
                case HeadingBlock { Level: > 3 }:
                    body.Problem(line, "use ## for sections and ### inside them, no deeper");
                    break;
                case LinkInline link:
                    CheckAddress(link.Url, link.IsImage, line, body, exerciseIds, guideIds);
                    break;
                case AutolinkInline auto:
                    CheckAddress(auto.IsEmail ? "mailto:" + auto.Url : auto.Url, image: false, line, body, exerciseIds, guideIds);
                    break;
                case LeafBlock { Inline: { } inlines }:
                    CheckWords(inlines, body);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// A same-site path (<c>/screen</c>, <c>/exercises/cat-cow</c>, <c>#part</c>) or, for links only, an https address.
    /// Paths to an exercise or a guide must name one that exists.
    /// </summary>
    private static void CheckAddress(string? url, bool image, int line, Body body, IReadOnlySet<string>? exerciseIds, IReadOnlySet<string> guideIds)
    {
        var what = image ? "image" : "link";
        if (string.IsNullOrWhiteSpace(url))
        {
            body.Problem(line, $"a {what} has no address");
            return;
        }
        if (IsSameSite(url))
        {
            var path = url.Split('?', '#')[0];
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts is ["exercises", var exercise, ..] && exerciseIds is not null && !exerciseIds.Contains(exercise))
            {
                body.Problem(line, $"the {what} {url} names \"{exercise}\", which is not the id of any exercise");
            }
            else if (parts is ["guides", var guide, ..] && !guideIds.Contains(guide))
            {
                body.Problem(line, $"the {what} {url} names \"{guide}\", which is not the id of any guide");
            }
            return;
        }
        if (image)
        {
            body.Problem(line, $"the image {url} must come from this site (a path such as /exercises/cat-cow/figure.svg): pages load nothing from other sites");
        }
        else if (!IsHttps(url))
        {
            body.Problem(line, $"the link {url} must go to a page of this site (a path such as /screen) or to an https:// address");
        }
    }

    private static bool IsSameSite(string url) =>
        (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            && !url.Any(char.IsWhiteSpace))
        || (url.StartsWith('#') && url.Length > 1);

    private static bool IsHttps(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;

    /// <summary>
    /// The words a person reads in one paragraph or heading, joined across line breaks and emphasis (so "all clear"
    /// split over two lines is still found) and without link addresses, checked like exercise text.
    /// </summary>
    private static void CheckWords(ContainerInline inlines, Body body)
    {
        var text = new StringBuilder();
        var lines = new List<int>();
        void Add(string part, int line)
        {
            text.Append(part);
            lines.AddRange(Enumerable.Repeat(line, part.Length));
        }
        foreach (var inline in inlines.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    Add(literal.Content.ToString(), literal.Line);
                    break;
                case CodeInline code:
                    Add(code.Content, code.Line);
                    break;
                case HtmlEntityInline entity:
                    Add(entity.Transcoded.ToString(), entity.Line);
                    break;
                case LineBreakInline br:
                    Add(" ", br.Line);
                    break;
                default:
                    break;
            }
        }
        foreach (var match in CatalogueLoader.ForbiddenClaim().Matches(text.ToString()).Cast<System.Text.RegularExpressions.Match>())
        {
            body.Problem(body.FirstLine + lines[match.Index], WordingMessage(match.Value));
        }
    }

    /// <summary>The message for a word Limber avoids, the same for every field of a guide.</summary>
    public static string WordingMessage(string word) =>
        $"says \"{word}\": Limber is a wellness tool and never claims to treat, cure, relieve or diagnose; describe what the person can do and how it may feel instead";

    /// <summary>The body as HTML. Raw HTML is off, so any angle brackets arrive as text; links out get rel="noopener noreferrer".</summary>
    public static string Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Rendering);
        foreach (var node in document.Descendants())
        {
            var external = node switch
            {
                LinkInline { IsImage: false } link => !IsSameSite(link.Url ?? ""),
                AutolinkInline auto => !IsSameSite(auto.Url),
                _ => false,
            };
            if (external)
            {
                node.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer");
            }
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Rendering.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}
