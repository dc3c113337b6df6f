using System.Text;
using Parley.Ai.Knowledge;
using Parley.Ai.Media;
using Parley.Core.Messaging;

namespace Parley.Ai.Assistant;

/// <summary>
/// The assistant without a language model: it quotes the best-matching passage(s) of the knowledge base and names
/// where they come from, or says it does not know and offers a person. It never writes text of its own that could
/// pass for a model's answer; everything else is a fixed reply.
/// </summary>
public static class OfflineAssistant
{
    private const int MaxQuote = 900;

    private static readonly HashSet<string> Greetings = new(StringComparer.Ordinal)
    {
        "hola", "hi", "hello", "hey", "buenas", "buenos dias", "buenas tardes", "buenas noches", "good morning", "good afternoon",
        "good evening", "que tal", "hola que tal", "saludos", "ola",
    };

    private static readonly HashSet<string> Thanks = new(StringComparer.Ordinal)
    {
        "gracias", "muchas gracias", "thanks", "thank you", "thx", "ok gracias", "ok thanks", "genial", "perfecto", "great", "ok", "vale",
    };

    /// <summary>Greetings and thanks get a fixed reply; null when the text is something else.</summary>
    public static string? SmallTalk(string text, string lang, string? name, bool offline)
    {
        var folded = string.Join(' ', TextAnalyzer.Tokens(text));
        if (Greetings.Contains(folded))
        {
            return AssistantTexts.Greeting(lang, name, offline);
        }

        return Thanks.Contains(folded) ? AssistantTexts.Thanks(lang) : null;
    }

    /// <summary>Quotes the passages, best first, with their sources.</summary>
    public static MessageContent Answer(IReadOnlyList<RetrievedPassage> passages, string lang)
    {
        if (passages.Count == 0)
        {
            return AssistantTexts.DontKnow(lang);
        }

        var text = new StringBuilder(AssistantTexts.FoundIntro(lang)).Append("\n\n");
        var best = passages[0];
        AppendQuote(text, best.Citation, best.Passage.Source, best.Passage.Text);
        // A second passage only when it comes from elsewhere and matches nearly as well: more would bury the answer.
        var second = passages.Skip(1).FirstOrDefault(p => p.Citation != best.Citation
            && p.Coverage >= Math.Max(Retriever.MinCoverage, best.Coverage)
            && p.Lexical >= best.Lexical * 0.85);
        if (second is not null)
        {
            text.Append("\n\n");
            AppendQuote(text, second.Citation, second.Passage.Source, second.Passage.Text);
        }

        var more = passages.Skip(1).Where(p => p != second && p.Citation != best.Citation).Select(p => p.Citation).Distinct().Take(2).ToList();
        if (more.Count > 0)
        {
            text.Append("\n\n").Append(AssistantTexts.AlsoSee(lang)).Append(": ").Append(string.Join("; ", more.Select(m => $"_{m}_")));
        }

        return MessageContent.FromText(text.ToString());
    }

    /// <summary>A document without a model: what it is and how it starts, or the parts matching the caption's question.</summary>
    public static MessageContent AnswerFromDocument(UnderstoodMessage message, string lang)
    {
        var document = message.Document!;
        var question = message.Text;
        if (string.IsNullOrWhiteSpace(question) || TextAnalyzer.Terms(question).Count == 0)
        {
            var start = document.PlainText(300).Replace("\n\n", " ", StringComparison.Ordinal).Replace('\n', ' ');
            return MessageContent.FromText(AssistantTexts.DocumentRead(lang, message.FileName, document.Pages, document.Words, start));
        }

        var passages = Chunker.Split(document);
        var index = new Bm25Index(passages.Select(p => (IReadOnlyList<string>)KnowledgeStore.PassageTerms("", p)));
        var hits = index.Search(TextAnalyzer.Terms(question), 2).Where(h => h.Coverage >= Retriever.MinCoverage).ToList();
        if (hits.Count == 0)
        {
            return MessageContent.FromText(AssistantTexts.NotInDocument(lang, message.FileName));
        }

        var text = new StringBuilder(AssistantTexts.FoundInDocument(lang, message.FileName)).Append("\n\n");
        foreach (var hit in hits)
        {
            var passage = passages[hit.Index];
            AppendQuote(text, passage.Heading.Length > 0 ? passage.Heading : message.FileName ?? "", null, passage.Text);
            text.Append("\n\n");
        }

        return MessageContent.FromText(text.ToString().TrimEnd());
    }

    private static void AppendQuote(StringBuilder text, string citation, string? source, string passage)
    {
        var quoted = passage.Length > MaxQuote ? passage[..CutAt(passage, MaxQuote)] + " …" : passage;
        text.Append("📄 *").Append(citation).Append('*');
        if (!string.IsNullOrEmpty(source))
        {
            text.Append(" (").Append(source).Append(')');
        }

        text.Append('\n');
        foreach (var line in quoted.Split('\n'))
        {
            text.Append("> ").Append(line).Append('\n');
        }

        text.Length--;
    }

    private static int CutAt(string text, int max)
    {
        var space = text.LastIndexOf(' ', max);
        return space > max / 2 ? space : max;
    }
}
