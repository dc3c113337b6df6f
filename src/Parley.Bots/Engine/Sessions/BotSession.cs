using System.Text.Json;
using Parley.Core.Messaging;

namespace Parley.Bots.Engine.Sessions;

/// <summary>
/// A conversation's context as the engine keeps it between messages (stored as JSON in the conversation's
/// session column, in the same transaction as the replies): the active flow, variables, the last intent,
/// the contact's language and a short history. It ends after the account's idle timeout.
/// </summary>
public sealed class BotSession
{
    /// <summary>Raised when the shape changes incompatibly; older sessions then start over.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    /// <summary>The bot that wrote the session; another bot's session is not read.</summary>
    public string Bot { get; set; } = "";

    public string Id { get; set; } = "";

    /// <summary>Unix milliseconds.</summary>
    public long StartedAt { get; set; }

    /// <summary>Unix milliseconds of the last message the bot saw in this session.</summary>
    public long LastActivityAt { get; set; }

    public string? Language { get; set; }

    public string? LastIntent { get; set; }

    public double? LastConfidence { get; set; }

    /// <summary>The multi-step flow in progress, if any.</summary>
    public FlowState? Flow { get; set; }

    /// <summary>What skills remember for the rest of the session.</summary>
    public Dictionary<string, string> Variables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Recent turns, oldest first.</summary>
    public List<SessionTurn> History { get; set; } = [];

    /// <summary>When the bot greeted in this session (Unix milliseconds); a session greets once.</summary>
    public long? GreetedAt { get; set; }

    public static BotSession Start(string bot, DateTimeOffset now, BotSession? previous) => new()
    {
        Bot = bot,
        Id = Guid.CreateVersion7(now).ToString("N"),
        StartedAt = now.ToUnixTimeMilliseconds(),
        LastActivityAt = now.ToUnixTimeMilliseconds(),
        Language = previous?.Language,
    };

    /// <summary>The stored session of <paramref name="bot"/>, or null when there is none or it is not readable.</summary>
    public static BotSession? Parse(string? json, string bot)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            var session = JsonSerializer.Deserialize<BotSession>(json, ParleyJson.Options);
            return session is { Version: CurrentVersion } && string.Equals(session.Bot, bot, StringComparison.OrdinalIgnoreCase) ? session : null;
        }
        catch (JsonException)
        {
            // A session written by another bot or an older build: start a fresh one.
            return null;
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this, ParleyJson.Options);
}
