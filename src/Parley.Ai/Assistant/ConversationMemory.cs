using Parley.Ai.Knowledge;
using Parley.Core.Messaging;

namespace Parley.Ai.Assistant;

/// <summary>
/// Splits a conversation's recent messages into the memory sent with a request (the last N messages, from the
/// latest <c>reset</c> on) and the person's unanswered messages (everything since the last reply: a burst).
/// </summary>
public static class ConversationMemory
{
    /// <summary>A burst is at most this many messages, and none older than <see cref="BurstWindow"/> before the last one.</summary>
    public const int MaxBurst = 10;

    public static readonly TimeSpan BurstWindow = TimeSpan.FromMinutes(2);

    private static readonly HashSet<string> ResetWords = new(StringComparer.Ordinal)
    {
        "reset", "/reset", "restart", "start over", "reiniciar", "reinicia", "empezar de nuevo", "olvida todo",
    };

    public static bool IsReset(string? text) =>
        text is not null && ResetWords.Contains(TextAnalyzer.Fold(text.Trim().TrimEnd('.', '!')));

    /// <summary>The unanswered messages of the person, oldest first, ending with <paramref name="current"/>.</summary>
    public static List<StoredMessage> Pending(IReadOnlyList<StoredMessage> history, StoredMessage current)
    {
        var pending = new List<StoredMessage> { current };
        for (var i = history.Count - 1; i >= 0 && pending.Count < MaxBurst; i--)
        {
            var m = history[i];
            if (!m.IsInbound || IsReset(m.Content.Text) || current.CreatedAt - m.CreatedAt > BurstWindow)
            {
                break;
            }

            if (BurstGate.IsAnswerable(m))
            {
                pending.Insert(0, m);
            }
        }

        return pending;
    }

    /// <summary>The last <paramref name="turns"/> messages before the pending ones, not reaching back past a reset.</summary>
    public static List<MemoryTurn> Memory(IReadOnlyList<StoredMessage> history, IReadOnlyCollection<long> pendingIds, int turns)
    {
        var memory = new List<MemoryTurn>();
        for (var i = history.Count - 1; i >= 0 && memory.Count < turns; i--)
        {
            var m = history[i];
            if (pendingIds.Contains(m.Id))
            {
                continue;
            }

            if (m.IsInbound && IsReset(m.Content.Text))
            {
                break;
            }

            var text = Render(m);
            if (!string.IsNullOrWhiteSpace(text))
            {
                memory.Insert(0, new MemoryTurn(m.IsInbound, text));
            }
        }

        return memory;
    }

    /// <summary>How a past message reads in memory: text, caption, transcript, or what kind of media it was.</summary>
    public static string Render(StoredMessage m)
    {
        var c = m.Content;
        var words = c.Type switch
        {
            MessageTypes.Interactive when c.Interactive is { } menu => string.Join(' ', new[] { c.Text, Options(menu) }.Where(s => !string.IsNullOrEmpty(s))),
            MessageTypes.Template => c.Template?.RenderedText ?? c.Text ?? "",
            _ => c.Summary(),
        };
        if (c.Media?.Transcript is { Length: > 0 } transcript && c.Type == MessageTypes.Audio)
        {
            words = string.IsNullOrEmpty(c.Text) ? $"[voice note] {transcript}" : $"{c.Text}\n[voice note] {transcript}";
        }
        else if (c.Media is not null && c.Type == MessageTypes.Document)
        {
            words = $"[document {c.Media.FileName}] {c.Text}".TrimEnd();
        }

        return words.Length > 2000 ? words[..2000] + "…" : words;
    }

    private static string Options(InteractiveContent menu)
    {
        var titles = (menu.Buttons?.Select(b => b.Title) ?? []).Concat(menu.Sections?.SelectMany(s => s.Rows).Select(r => r.Title) ?? []).ToList();
        return titles.Count == 0 ? "" : "[" + string.Join(" | ", titles) + "]";
    }
}
