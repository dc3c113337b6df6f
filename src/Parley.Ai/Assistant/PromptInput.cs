using Parley.Ai.Knowledge;
using Parley.Ai.Media;

namespace Parley.Ai.Assistant;

/// <summary>Everything that goes into one request to the model.</summary>
public sealed record PromptInput(string Persona, IReadOnlyList<MemoryTurn> Memory, IReadOnlyList<UnderstoodMessage> Turn, IReadOnlyList<RetrievedPassage> Passages);
