namespace Parley.Core.Inbound;

public sealed class BotOptions
{
    public const string SectionName = "Parley:Bots";

    /// <summary>The bot for accounts that name none: the AI assistant (offline unless a model provider is configured).</summary>
    public string Default { get; set; } = "assistant";
}
