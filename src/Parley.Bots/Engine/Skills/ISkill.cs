namespace Parley.Bots.Engine.Skills;

/// <summary>
/// Something a bot can do. The router asks each skill in turn whether it handles the message
/// (<see cref="CanHandle"/>: cheap, no I/O; the detected intent is already in <see cref="BotContext.Intent"/>)
/// and lets the first that does answer it (<see cref="HandleAsync"/>: add replies, start a flow, ...).
/// </summary>
public interface ISkill
{
    /// <summary>Short name, recorded in the interaction log as <c>skill:NAME</c>.</summary>
    string Name { get; }

    bool CanHandle(BotContext context);

    Task HandleAsync(BotContext context, CancellationToken ct);
}
