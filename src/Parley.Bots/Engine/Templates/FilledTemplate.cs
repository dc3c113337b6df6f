namespace Parley.Bots.Engine.Templates;

/// <summary>The outcome of rendering a template: its text, its parameters in order, and what was missing.</summary>
public sealed record FilledTemplate(string Text, IReadOnlyList<string> Parameters, IReadOnlyList<string> Missing)
{
    public bool Complete => Missing.Count == 0;
}
