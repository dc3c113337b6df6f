using Parley.Core.Messaging;

namespace Parley.Core.Bots.Rules;

/// <summary>
/// With an allow-list (<c>AllowList</c>, or <c>AllowListEnabled</c> with contacts flagged allowed), only listed or flagged
/// contacts are served. The others get nothing, or once the account's <c>AllowListNotice</c>: it is not sent again while
/// it is among the conversation's recent replies.
/// </summary>
public sealed class AllowListRule(MessageQueries messages) : IBotRule
{
    /// <summary>How many of the conversation's latest replies are searched for the notice.</summary>
    private const int NoticeLookBack = 50;

    public string Name => "allow-list";

    public async ValueTask<BotResult?> ApplyAsync(BotRuleContext context, CancellationToken ct)
    {
        var settings = context.Settings;
        var contact = context.Request.Contact;
        if (!settings.AllowListEnabled || contact.Allowed || settings.AllowList.Contains(contact.WaId))
        {
            return null;
        }

        if (settings.AllowListNotice is not { } notice
            || context.Request.History.Any(m => !m.IsInbound && m.Content.Text == notice)
            || await messages.SentTextAsync(context.Request.Message.ConversationId, notice, NoticeLookBack, ct))
        {
            return BotResult.Silent;
        }

        return BotResult.Reply(MessageContent.FromText(notice));
    }
}
