using Parley.Core.Accounts;

namespace Parley.Core.Templates;

/// <summary>
/// Brings a provider's approved templates into the <c>templates</c> table (Meta's message templates, Twilio's
/// Content API). A channel that has a catalogue registers one; <c>templates sync</c> and the admin call it.
/// </summary>
public interface ITemplateSync
{
    string Provider { get; }

    Task<TemplateSyncResult> SyncAsync(Account account, CancellationToken ct);
}

public sealed record TemplateSyncResult(int Added, int Updated, int Deactivated)
{
    public string? Detail { get; init; }
}
