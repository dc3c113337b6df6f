using Parley.Ai.Knowledge;

namespace Parley.Ai.Assistant;

/// <summary>
/// Recognises a question about the conversation itself ("what's my name?", "what did I ask before?", "¿qué te dije
/// antes?"): it is answered from memory even in <c>knowledge</c> grounding, where nothing in the documents matches it.
/// </summary>
public static class ConversationQuestion
{
    private static readonly string[] Phrases =
    [
        "my name", "i said", "i asked", "i told", "i mentioned", "i wrote", "did i", "you said", "you told", "earlier", "before",
        "previous", "first question", "last question", "first message", "last message", "remember", "we talked", "we were talking",
        "as i said", "my order number", "my number",
        "me llamo", "mi nombre", "como me llamo", "dije", "pregunte", "te conte", "menciones", "mencione", "dijiste", "antes",
        "anterior", "primera pregunta", "ultima pregunta", "primer mensaje", "ultimo mensaje", "recuerdas", "te acuerdas", "hablamos",
        "hablabamos", "lo que te",
    ];

    public static bool IsAbout(string text)
    {
        var folded = " " + string.Join(' ', TextAnalyzer.Tokens(text)) + " ";
        return Phrases.Any(p => folded.Contains(" " + p + " ", StringComparison.Ordinal));
    }
}
