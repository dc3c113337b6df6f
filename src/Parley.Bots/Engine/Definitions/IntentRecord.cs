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
