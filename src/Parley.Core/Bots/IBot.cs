namespace Parley.Core.Bots;

/// <summary>
/// A bot answers the inbound messages of the accounts it serves. The messaging core calls it once per
/// message, in order per conversation, and stores its replies and session in the same transaction that
/// marks the message processed, so a crash never loses or repeats a reply.
/// </summary>
public interface IBot
{
    /// <summary>The name accounts use to pick this bot (<c>Parley:Accounts:{n}:Bot</c>).</summary>
    string Name { get; }

    /// <summary>One line shown in the sandbox's bot picker and the admin.</summary>
    string Description { get; }

    /// <summary>The language the bot speaks when an account names none (templates are looked up in it); null: none.</summary>
    string? DefaultLanguage => null;

    Task<BotResult> HandleAsync(BotRequest request, CancellationToken ct);
}
