namespace Parley.Bots.Engine.Templates;

/// <summary>A template parameter; without a value and without a <see cref="Default"/>, a required one is missing.</summary>
public sealed record TemplateParameter(string Name)
{
    public bool Required { get; init; } = true;
    public string? Default { get; init; }
}
