using Dapper;
using Parley.Core.Messaging;
using Parley.Core.Storage;

namespace Parley.Ai.Assistant;

/// <summary>
/// Lets a burst of short messages be answered once. The core hands the bot one message at a time, in order; for
/// message M the gate waits until M arrived <c>BurstDelay</c> ago, then looks for a newer message from the person.
/// If there is one, M gets no reply of its own: the newest message answers everything since the last reply.
/// </summary>
public sealed class BurstGate(Database database, TimeProvider time)
{
    /// <summary>Inbound types that start an answer of their own (reactions and system notices do not).</summary>
    internal const string AnswerableTypes = "'text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts'";

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

        await using var c = await database.OpenAsync(ct);
        var newer = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM messages WHERE conversation_id = @ConversationId AND direction = 'inbound' AND id > @Id AND type IN ({AnswerableTypes})",
            new { message.ConversationId, message.Id }, cancellationToken: ct));
        return newer == 0;
    }
}
