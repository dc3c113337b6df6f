namespace Parley.Core.Bots.Rules;

/// <summary>Blocked contacts (the account's <c>BlockList</c> or the contact's own flag) get nothing from any bot; their messages are still stored.</summary>
public sealed class BlockedContactRule : IBotRule
{
    public string Name => "blocked";

    public ValueTask<BotResult?> ApplyAsync(BotRuleContext context, CancellationToken ct)
    {
        var contact = context.Request.Contact;
        var blocked = contact.Blocked || context.Settings.BlockList.Contains(contact.WaId);
        return ValueTask.FromResult(blocked ? BotResult.Silent : null);
    }
}
