using Parley.Bots.Engine.Answers;
using Parley.Bots.Engine.Intents;

namespace Parley.Bots.Engine.Definitions;

/// <summary>A declared intent of a bot (a row of <c>bot_intents</c>): its phrases per language and its answer.</summary>
public sealed record IntentRecord(string Bot, string Name)
{
    /// <summary>'' for every account the bot serves.</summary>
    public string AccountId { get; init; } = "";
    public int Priority { get; init; }
    public double? Threshold { get; init; }

    /// <summary>Language code → keywords and phrases.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Examples { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IntentAnswer? Answer { get; init; }
    public bool Active { get; init; } = true;
    public string Source { get; init; } = "api";

    public IntentDefinition ToDefinition() => new(Name, Priority, Examples, Threshold);
}

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
