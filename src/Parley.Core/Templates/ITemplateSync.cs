using Parley.Core.Accounts;

namespace Parley.Core.Templates;

/// <summary>
/// Brings a provider's approved templates into the <c>templates</c> table (Meta's message templates, Twilio's
/// Content API). A channel that has a catalogue registers one; <c>templates sync</c>, the API and the admin call it.
/// </summary>
public interface ITemplateSync
{
    string Provider { get; }

    /// <exception cref="TemplateSyncException">The account lacks what the sync needs, or the provider refused.</exception>
    Task<TemplateSyncResult> SyncAsync(Account account, CancellationToken ct);
}
