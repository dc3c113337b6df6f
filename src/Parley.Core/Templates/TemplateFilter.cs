namespace Parley.Core.Templates;

public sealed record TemplateFilter
{
    /// <summary>Templates of this account plus those shared by every account (<c>account_id = ''</c>).</summary>
    public string? AccountId { get; init; }
    public string? Category { get; init; }
    public string? Language { get; init; }
    public string? Name { get; init; }
    public bool ActiveOnly { get; init; } = true;
}
