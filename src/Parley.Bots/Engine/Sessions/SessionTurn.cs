namespace Parley.Bots.Engine.Sessions;

/// <summary>One exchange: what the contact said, what was recognised and the first line of the answer.</summary>
public sealed record SessionTurn(long At, string? In, string? Intent, string? Out);
