namespace Parley.Bots.Engine.Skills;

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
