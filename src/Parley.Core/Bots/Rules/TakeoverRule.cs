namespace Parley.Core.Bots.Rules;

/// <summary>
/// While an operator holds the conversation (state <c>human</c>), no bot talks. A bot that wants to see those messages
/// (<see cref="ITakeoverAwareBot"/>, to log them) is still called, but whatever it would say is dropped here.
/// </summary>
public sealed class TakeoverRule : IBotRule
{
    public string Name => "takeover";

    public async ValueTask<BotResult?> ApplyAsync(BotRuleContext context, CancellationToken ct)
    {
        if (context.Request.Conversation.State != ConversationInfo.HumanState)
        {
            return null;
        }

        if (context.Bot is not ITakeoverAwareBot)
        {
            return BotResult.Silent;
        }

        var seen = await context.Bot.HandleAsync(context.Request, ct);
        return seen with { Replies = [], ConversationState = null };
    }
}
