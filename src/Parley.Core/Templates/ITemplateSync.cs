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

/// <param name="Synced">Templates the provider listed (and Parley stored or updated).</param>
public sealed record TemplateSyncResult(int Synced)
{
    public string? Detail { get; init; }
}

/// <summary>A sync that could not be done, with a sentence an operator can act on.</summary>
public sealed class TemplateSyncException(string message, Exception? inner = null) : Exception(message, inner);
