namespace Parley.Bots.Engine.Intents;

/// <summary>
/// One thing a user can want, recognised by keywords or phrases per language code ("es", "en", ...).
/// </summary>
/// <param name="Name">The intent's identifier, unique within a matcher.</param>
/// <param name="Priority">Breaks ties between intents with equal confidence; higher wins.</param>
/// <param name="Examples">Language code → keywords or phrases, written naturally (accents and case do not matter).</param>
/// <param name="Threshold">Minimum confidence for this intent, overriding the one passed to <see cref="IntentMatcher.Match"/>.</param>
public sealed record IntentDefinition(
    string Name,
    int Priority,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Examples,
    double? Threshold = null);
