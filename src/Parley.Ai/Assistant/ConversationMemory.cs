using Parley.Ai.Knowledge;
using Parley.Core.Messaging;

namespace Parley.Ai.Assistant;

/// <summary>
/// Loads what the assistant remembers of a conversation. Replies are stored after the messages that arrived while
/// the bot was busy, so message ids alone do not give the conversation's order: a reply is placed right after the
/// message it answers (<c>in_reply_to</c>). The unanswered messages are those after the last one the bot replied to.
/// </summary>
public sealed class ConversationMemory(MessageQueries messages)
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

    public async Task<ConversationView> LoadAsync(StoredMessage current, int turns, CancellationToken ct) =>
        Split(await messages.HistoryBeforeAsync(current, (turns * 2) + MaxBurst + 10, ct), current);

    /// <summary>Orders the messages and separates the unanswered ones; public for tests.</summary>
    public static ConversationView Split(IEnumerable<StoredMessage> messages, StoredMessage current)
    {
        var history = messages
            .OrderBy(m => m.IsInbound ? m.Id : m.InReplyTo ?? m.Id)
            .ThenBy(m => m.IsInbound ? 0 : 1)
            .ThenBy(m => m.Id)
            .ToList();
        var lastAnswered = history.Where(m => !m.IsInbound && m.InReplyTo is not null).Select(m => m.InReplyTo!.Value).DefaultIfEmpty(0).Max();
        var pending = history
            .Where(m => m.IsInbound && m.Id > lastAnswered && IsAnswerable(m) && current.CreatedAt - m.CreatedAt <= BurstWindow && !IsReset(m.Content.Text))
            .TakeLast(MaxBurst - 1)
            .Append(current)
            .ToList();
        var pendingIds = pending.Select(p => p.Id).ToHashSet();
        return new ConversationView(history.Where(m => !pendingIds.Contains(m.Id)).ToList(), pending);
    }

    /// <summary>The messages of the current session: from <paramref name="sessionStartedAt"/> on (all when it is unknown).</summary>
    public static IReadOnlyList<StoredMessage> Since(IReadOnlyList<StoredMessage> history, DateTimeOffset? sessionStartedAt) =>
        sessionStartedAt is { } start ? history.Where(m => m.CreatedAt >= start).ToList() : history;

    /// <summary>The last <paramref name="turns"/> messages of the history, not reaching back past a reset.</summary>
    public static List<MemoryTurn> Memory(IReadOnlyList<StoredMessage> history, int turns)
    {
        var memory = new List<MemoryTurn>();
        for (var i = history.Count - 1; i >= 0 && memory.Count < turns; i--)
        {
            var m = history[i];
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

    internal static bool IsAnswerable(StoredMessage m) =>
        m.IsInbound && m.Content.Type is MessageTypes.Text or MessageTypes.Image or MessageTypes.Audio or MessageTypes.Video
            or MessageTypes.Document or MessageTypes.Sticker or MessageTypes.Location or MessageTypes.Contacts;

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
