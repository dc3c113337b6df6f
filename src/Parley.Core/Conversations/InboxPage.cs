using System.Globalization;

namespace Parley.Core.Conversations;

/// <summary>One page of the operator's inbox (<see cref="ConversationQueries.InboxAsync"/>); <see cref="Next"/> continues it, null on the last page.</summary>
public sealed record InboxPage(IReadOnlyList<ConversationSummary> Items, string? Next)
{
    /// <summary>"{contact's last message, unix ms}_{conversation id}": where the next page starts.</summary>
    public static string Cursor(long lastInboundMs, long id) => string.Create(CultureInfo.InvariantCulture, $"{lastInboundMs}_{id}");

    public static bool TryParse(string? cursor, out long lastInboundMs, out long id)
    {
        lastInboundMs = 0;
        id = 0;
        var parts = cursor?.Split('_');
        return parts is { Length: 2 }
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out lastInboundMs)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
