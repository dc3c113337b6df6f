namespace Parley.Core.Bots.Rules;

/// <summary>
/// A conversation's session ends after <c>SessionTimeout</c> (30 minutes by default) without messages either way. The
/// bot is told when a message starts a session (<see cref="BotRequest.NewSession"/>: greet, forget the context) and
/// when the current one started (<see cref="BotRequest.SessionStartedAt"/>); the history it is handed holds only the
/// current session's messages.
/// </summary>
public sealed class SessionTimeoutRule : IBotRule
{
    public string Name => "session";

    public ValueTask<BotResult?> ApplyAsync(BotRuleContext context, CancellationToken ct)
    {
        var request = context.Request;
        var timeout = context.Settings.SessionTimeout;
        var history = request.History;
        var at = request.Message.CreatedAt;
        if (history.Count == 0 || at - history[^1].CreatedAt > timeout)
        {
            context.Request = request with { History = [], NewSession = true, SessionStartedAt = at };
            return ValueTask.FromResult<BotResult?>(null);
        }

        // The session started after the last silence longer than the timeout within the history, if there is one.
        for (var i = history.Count - 1; i > 0; i--)
        {
            if (history[i].CreatedAt - history[i - 1].CreatedAt > timeout)
            {
                context.Request = request with { History = history.Skip(i).ToList(), NewSession = false, SessionStartedAt = history[i].CreatedAt };
                return ValueTask.FromResult<BotResult?>(null);
            }
        }

        context.Request = request with { NewSession = false, SessionStartedAt = history.Count < Inbound.InboundProcessor.HistoryTurns ? history[0].CreatedAt : null };
        return ValueTask.FromResult<BotResult?>(null);
    }
}
