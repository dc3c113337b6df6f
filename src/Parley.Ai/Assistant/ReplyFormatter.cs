using Parley.Core.Messaging;
using Parley.Core.Outbound.Validation;

namespace Parley.Ai.Assistant;

/// <summary>Fits an answer to WhatsApp: at most 4,096 characters a message, split at paragraphs or sentences, at most three messages.</summary>
public static class ReplyFormatter
{
    public const int MaxMessageLength = 4096;
    public const int MaxMessages = 3;

    public static MessageContent[] Split(string text)
    {
        var parts = TextSplitter.Split(text.Trim(), MaxMessageLength).ToList();
        if (parts.Count > MaxMessages)
        {
            parts = parts.Take(MaxMessages).ToList();
            var last = parts[^1];
            parts[^1] = (last.Length > MaxMessageLength - 2 ? last[..(MaxMessageLength - 2)] : last).TrimEnd() + " …";
        }

        return parts.Select(MessageContent.FromText).ToArray();
    }
}
