namespace Parley.Core.Templates;

/// <summary>The body with its placeholders filled, and what did not fit.</summary>
/// <param name="Placeholders">The placeholder names in the order they first appear (<c>1</c>, <c>2</c>, or <c>first_name</c>).</param>
/// <param name="Missing">Placeholders with no value: they stay in <paramref name="Text"/> as written.</param>
/// <param name="Unused">Values given for no placeholder.</param>
public sealed record RenderedTemplate(string Text, IReadOnlyList<string> Placeholders, IReadOnlyList<string> Missing, IReadOnlyList<string> Unused)
{
    public bool Complete => Missing.Count == 0;
}
