namespace Parley.Bots.Engine.Skills;

/// <summary>An entry of the bot's menu: a list row whose id is an intent or a command word.</summary>
public sealed record MenuItem(string Id, string Title)
{
    public string? Description { get; init; }
}
