namespace Parley.Core.Templates;

/// <param name="Synced">Templates the provider listed (and Parley stored or updated).</param>
public sealed record TemplateSyncResult(int Synced)
{
    public string? Detail { get; init; }
}
