namespace Parley.Bots.Engine.Intents;

/// <summary>An intent recognised in a message.</summary>
/// <param name="Intent">The <see cref="IntentDefinition.Name"/>.</param>
/// <param name="Confidence">0..1, rounded to four decimals; 1 means every word of the phrase was found as written.</param>
/// <param name="Language">The language code of the phrase that matched.</param>
/// <param name="MatchedPhrase">The keyword or phrase as written in the definition.</param>
public sealed record IntentMatch(string Intent, double Confidence, string Language, string MatchedPhrase);
