namespace Parley.Bots.Engine.Interactions;

/// <summary>A page of records, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record InteractionPage(IReadOnlyList<InteractionRecord> Items, long? NextCursor);
