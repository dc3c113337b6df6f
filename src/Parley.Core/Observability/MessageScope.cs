using System.Collections;
using System.Globalization;

namespace Parley.Core.Observability;

/// <summary>A scope of three named values; structured loggers (the JSON console) write them as properties.</summary>
public sealed class MessageScope(long correlation, long messageId, long conversationId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string CorrelationId { get; } = "m" + correlation.ToString(CultureInfo.InvariantCulture);

    public int Count => 3;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("CorrelationId", CorrelationId),
        1 => new("MessageId", messageId),
        2 => new("ConversationId", conversationId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CorrelationId:{CorrelationId} MessageId:{messageId} ConversationId:{conversationId}");
}
