using Parley.Bots.Engine.Sessions;

namespace Parley.Bots.Engine.Flows;

/// <summary>
/// A multi-step conversation (ask, check, ask again, finish) whose state lives in the session, so it
/// survives restarts and continues on whichever instance gets the next message. A skill starts it with
/// <see cref="BotContext.StartFlow"/>; while it is active, every message goes to <see cref="ContinueAsync"/>
/// first. <c>reset</c> always ends it; so does the session's idle timeout.
/// </summary>
public abstract class Flow
{
    /// <summary>Unique within the bot; stored in the session.</summary>
    public abstract string Name { get; }

    /// <summary>Handles the contact's answer at <see cref="FlowState.Step"/>.</summary>
    public abstract Task<FlowResult> ContinueAsync(BotContext context, FlowState state, CancellationToken ct);
}
