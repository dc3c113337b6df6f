namespace Parley.Ai.Assistant;

/// <summary>One exchange of the conversation's memory, oldest first.</summary>
public sealed record MemoryTurn(bool FromUser, string Text);
