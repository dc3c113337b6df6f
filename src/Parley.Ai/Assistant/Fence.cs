using System.Text.RegularExpressions;

namespace Parley.Ai.Assistant;

/// <summary>
/// Delimits text that does not come from the operator (what people write, transcripts, documents, knowledge-base
/// passages) in tags the system prompt declares to be data. Tag-like text inside is defused, so a message cannot
/// close its own block and pose as instructions.
/// </summary>
public static partial class Fence
{
    public const string UserMessage = "user_message";
    public const string Reference = "reference";
    public const string Document = "document";
    public const string Transcript = "transcript";

    public static string Wrap(string tag, string text, string? attributes = null) =>
        $"<{tag}{(attributes is null ? "" : " " + attributes)}>\n{Defuse(text)}\n</{tag}>";

    /// <summary>"&lt;/user_message&gt;" in untrusted text becomes "‹/user_message›": readable, but no longer a delimiter.</summary>
    public static string Defuse(string text) =>
        Delimiter().Replace(text, m => "‹" + m.Value[1..^1] + "›");

    /// <summary>An attribute value without quotes or angle brackets.</summary>
    public static string Attribute(string value) => new(value.Where(c => c is not ('"' or '<' or '>' or '\n' or '\r')).Take(120).ToArray());

    [GeneratedRegex(@"<\s*/?\s*(user_message|reference|document|transcript|system|instructions|assistant)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Delimiter();
}
