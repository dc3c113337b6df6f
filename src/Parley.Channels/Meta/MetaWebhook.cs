using Parley.Core.Messaging;

namespace Parley.Channels.Meta;

/// <summary>What one Meta webhook delivery carries: the batch intake stores, and the template changes it announces.</summary>
public sealed record MetaWebhook(InboundBatch Batch)
{
    public IReadOnlyList<MetaTemplateEvent> TemplateEvents { get; init; } = [];

    /// <summary>Account alerts, quality rating and messaging-limit updates (also kept in <see cref="InboundBatch.OtherEvents"/>).</summary>
    public IReadOnlyList<Parley.Core.Accounts.AccountAlert> AccountAlerts { get; init; } = [];

    /// <summary>Changes for another business phone number than the account's (kept in <see cref="InboundBatch.OtherEvents"/>).</summary>
    public int ForeignChanges { get; init; }
}
