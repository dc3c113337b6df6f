using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Parley.Ai.Media;

namespace Parley.Ai.Assistant;

/// <summary>Everything that goes into one request to the model.</summary>
/// <param name="Grounding"><see cref="AiGrounding.Open"/> or <see cref="AiGrounding.Knowledge"/>: which rules the system prompt states.</param>
public sealed record PromptInput(
    string Persona, IReadOnlyList<MemoryTurn> Memory, IReadOnlyList<UnderstoodMessage> Turn, IReadOnlyList<RetrievedPassage> Passages, string Grounding = AiGrounding.Knowledge);
