namespace Parley.Core.Messaging;

/// <summary>What one webhook delivery carries, parsed and verified, ready to be stored in one transaction.</summary>
public sealed record InboundBatch(string AccountId, string Provider, string RawBody)
{
    public IReadOnlyList<InboundMessage> Messages { get; init; } = [];
    public IReadOnlyList<StatusUpdate> Statuses { get; init; } = [];
    /// <summary>Provider events Parley records but does not turn into messages (template status changes and the like).</summary>
    public IReadOnlyList<string> OtherEvents { get; init; } = [];
    public string? ContentType { get; init; }
    /// <summary>The body's exact bytes, when <see cref="RawBody"/> (the text, made well-formed) does not hold them exactly.</summary>
    public byte[]? RawBytes { get; init; }
    /// <summary>Set when a stored webhook event is parsed again (replay): intake updates that row instead of adding one.</summary>
    public long? ReplayOfEventId { get; init; }
}
