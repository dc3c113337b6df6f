using Parley.Core.Messaging;

namespace Parley.Ai.Assistant;

/// <summary>
/// Lets a burst of short messages be answered once. The core hands the bot one message at a time, in order; for
/// message M the gate waits until M arrived <c>BurstDelay</c> ago, then looks for a newer message from the person.
/// If there is one, M gets no reply of its own: the newest message answers everything since the last reply.
/// </summary>
public sealed class BurstGate(MessageQueries messages, TimeProvider time)
{
    /// <summary>Inbound types that start an answer of their own (reactions and system notices do not).</summary>
    internal static readonly string[] AnswerableTypes = ["text", "image", "audio", "video", "document", "sticker", "location", "contacts"];

    /// <returns>True when <paramref name="message"/> is the person's latest message after the wait, so it should be answered.</returns>
    public async Task<bool> IsLatestAsync(StoredMessage message, TimeSpan delay, CancellationToken ct)
    {
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        var wait = message.CreatedAt + delay - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct);
        }

        return await messages.CountInboundAfterAsync(message.ConversationId, message.Id, AnswerableTypes, ct) == 0;
    }
}
