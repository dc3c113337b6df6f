using Parley.Bots.Engine.Intents;

namespace Parley.Bots.Engine.Definitions;

/// <summary>The active intents of a bot for one account, with their matcher built.</summary>
public sealed class BotIntents
{
    public static readonly BotIntents Empty = new([]);

    public BotIntents(IReadOnlyList<IntentRecord> intents)
    {
        Intents = intents.ToDictionary(i => i.Name, StringComparer.OrdinalIgnoreCase);
        Matcher = new IntentMatcher(intents.Select(i => i.ToDefinition()));
    }

    public IReadOnlyDictionary<string, IntentRecord> Intents { get; }
    public IntentMatcher Matcher { get; }
}
