using Parley.Bots.Engine.Sessions;

namespace Parley.Bots.Engine.Stages;

/// <summary>
/// Continues the conversation's session, or starts a new one (which greets) when there is none or Core's session
/// rule says this message starts one (the contact was idle longer than the account's <c>SessionTimeout</c>). The
/// session is stored with the replies.
/// </summary>
public sealed class SessionStage : IBotStage
{
    public string Name => "session";

    public ValueTask<StageOutcome> RunAsync(BotContext context, CancellationToken ct)
    {
        if (context.StoredSession is not null && context.Request.NewSession)
        {
            context.Session = BotSession.Start(context.Bot.Name, context.Now, context.Session);
            context.NewSession = true;
            context.Details["session"] = "expired";
        }

        context.Session.LastActivityAt = context.Now.ToUnixTimeMilliseconds();
        context.Session.Language = context.Language;
        context.SaveSession = true;
        return ValueTask.FromResult(StageOutcome.Continue);
    }
}
