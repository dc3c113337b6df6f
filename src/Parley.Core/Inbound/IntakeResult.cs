namespace Parley.Core.Inbound;

/// <summary>What intake stored from one webhook delivery.</summary>
/// <param name="NewMessageIds">Ids of messages stored for the first time; duplicates are left out.</param>
public sealed record IntakeResult(long WebhookEventId, IReadOnlyList<long> NewMessageIds, int DuplicateMessages, int Statuses);
