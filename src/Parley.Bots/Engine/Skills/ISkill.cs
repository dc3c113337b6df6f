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

/// <summary>
/// A skill invoked by a word that is the whole message (<c>help</c>, <c>/ayuda</c>, <c>Menú</c>) or by the
/// id of a chosen button or list row. Commands are tried before intents.
/// </summary>
public abstract class CommandSkill : ISkill
{
    public abstract string Name { get; }

    /// <summary>The words, in every language the bot speaks.</summary>
    public abstract IReadOnlyList<string> Words { get; }

    public virtual bool CanHandle(BotContext context) => context.Is(Words);

    public abstract Task HandleAsync(BotContext context, CancellationToken ct);
}

/// <summary>An entry of the bot's menu: a list row whose id is an intent or a command word.</summary>
public sealed record MenuItem(string Id, string Title)
{
    public string? Description { get; init; }
}
