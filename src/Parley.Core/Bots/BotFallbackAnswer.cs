namespace Parley.Core.Bots;

/// <summary>A fallback's answer, and where it came from (<c>model</c> or <c>offline</c>) for the interaction log.</summary>
public sealed record BotFallbackAnswer(BotResult Result, string Source);
