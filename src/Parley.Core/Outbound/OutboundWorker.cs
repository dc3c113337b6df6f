using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Core.Events;
using Parley.Core.Messaging;
using Parley.Core.Startup;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Outbound;

/// <summary>
/// The outbound queue: sends each conversation's queued messages in order through the account's channel.
/// Transient failures are retried with backoff (the provider's Retry-After wins) and hold the messages
/// behind them, so order is kept; permanent failures are recorded with their reason and the queue moves on.
/// </summary>
public sealed class OutboundWorker(
    Database database,
    AccountRegistry accounts,
    ChannelCatalog channels,
    OutboundThrottle throttle,
    Policy.OutboundPolicy policy,
    OutboundQueue queue,
    WorkSignals signals,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    InstanceIdentity instance,
    IDomainEvents events,
    StartupGate gate,
    ILogger<OutboundWorker> logger,
    Observability.ParleyMetrics metrics,
    IEnumerable<IOutboundContentFiller>? fillers = null)
    : LaneWorker(new ConversationLane(database, "out"), signals.Outbound, options, time, instance, gate, logger)
{
    protected override Task ProcessAsync(LaneLease lease, CancellationToken ct)
    {
        Recipient recipient = null!;
        return ProcessPendingAsync(lease, async (message, token) =>
        {
            using var logScope = logger.BeginScope(Observability.LogScopes.ForMessage(message));
            var account = await accounts.FindAsync(message.AccountId, token);
            var capabilities = account is null ? ChannelCapabilities.WhatsApp : channels.For(account.Provider)?.Capabilities ?? ChannelCapabilities.WhatsApp;
            if (account is not null && await throttle.AcquireAsync(account, recipient.wa_id, capabilities, token) is { } wait && wait > TimeSpan.Zero)
            {
                // Over a rate limit: come back when a token is free; later messages wait behind this one.
                lease.ReadyAt = Time.NowMs() + Math.Max(1, (long)wait.TotalMilliseconds);
                return false;
            }

            var result = account is null
                ? SendResult.Permanent("account_missing", $"Account '{message.AccountId}' does not exist.")
                : OutsideWindow(message, recipient) ?? await SendAsync(account, message, recipient, token);
            if (!await RecordAsync(lease, message, result, token))
            {
                return false;
            }

            if (account is not null && !result.Accepted && !result.Transient && result.NeedsTemplate)
            {
                await ReengageAsync(account, message, recipient, token);
            }

            return true;
        }, ct, beforeBatch: async (batch, token) => recipient = await LoadRecipientAsync(batch[0].ConversationId, token));
    }

    private async Task<Recipient> LoadRecipientAsync(long conversationId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.QuerySingleAsync<Recipient>(new CommandDefinition(
            """
            SELECT k.wa_id, k.phone, v.last_inbound_at FROM conversations v JOIN contacts k ON k.id = v.contact_id
            WHERE v.id = @conversationId
            """,
            new { conversationId }, cancellationToken: ct));
    }

    private sealed record Recipient(string wa_id, string? phone, long? last_inbound_at);

    /// <summary>
    /// WhatsApp refuses free-form messages once the customer service window has closed: the policy's window rule, checked
    /// again at send time because the window may have closed while the message waited in the queue.
    /// </summary>
    private SendResult? OutsideWindow(StoredMessage message, Recipient recipient) =>
        policy.WindowRefusal(recipient.last_inbound_at is { } at ? Clock.FromMs(at) : null, message.Content.Type) is { } refused
            ? SendResult.Permanent("outside_window", refused.Detail) with { NeedsTemplate = true }
            : null;

    /// <summary>
    /// After a refusal for the window, sends the account's re-engagement template (setting <c>ReengagementTemplate</c>,
    /// <c>name</c> or <c>name:language</c>), at most once a day per conversation.
    /// </summary>
    private async Task ReengageAsync(Account account, StoredMessage failed, Recipient recipient, CancellationToken ct)
    {
        if (account.Setting("ReengagementTemplate") is not { } setting)
        {
            return;
        }

        var parts = setting.Split(':', 2);
        await using (var c = await database.OpenAsync(ct))
        {
            var recent = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM messages WHERE conversation_id = @ConversationId AND source = 'reengagement' AND created_at > @since",
                new { failed.ConversationId, since = Time.NowMs() - (long)TimeSpan.FromHours(24).TotalMilliseconds }, cancellationToken: ct));
            if (recent > 0)
            {
                return;
            }
        }

        var template = new MessageContent
        {
            Type = MessageTypes.Template,
            Template = new TemplateContent(parts[0], parts.Length > 1 ? parts[1] : "en"),
        };
        await queue.EnqueueAsync(account.Id, new ContactRef(recipient.wa_id) { Phone = recipient.phone }, template, $"reengage:{failed.Id}", "reengagement", ct);
        logger.LogInformation("Queued re-engagement template {Template} after message {MessageId} was refused for the 24-hour window", parts[0], failed.Id);
    }

    private async Task<SendResult> SendAsync(Account account, StoredMessage message, Recipient recipient, CancellationToken ct)
    {
        var channel = channels.For(account.Provider);
        if (channel is null)
        {
            return SendResult.Permanent("channel_missing", $"No channel serves provider '{account.Provider}'.");
        }

        try
        {
            var key = message.IdempotencyKey ?? $"msg:{message.Id}";
            var content = message.Content;
            foreach (var filler in fillers ?? [])
            {
                content = await filler.FillAsync(message with { Content = content }, ct);
            }

            return await channel.SendAsync(new OutboundRequest(account, message.Id, recipient.wa_id, content, key) { ToPhone = recipient.phone }, ct);
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Retry("network", ex.Message);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            return SendResult.Retry("timeout", ex.Message);
        }
    }

    /// <summary>Stores the outcome; returns true when the queue may go on to the next message.</summary>
    private async Task<bool> RecordAsync(LaneLease lease, StoredMessage message, SendResult result, CancellationToken ct)
    {
        metrics.OutboundAttempt(result, message.Attempts + 1, Options.MaxAttempts);
        var (goOn, changes) = await RecordCoreAsync(lease, message, result, ct);
        // Published once the connection is closed: on SQLite it holds the process's write gate until then.
        await PublishStatusesAsync(message, changes, ct);
        return goOn;
    }

    private async Task<(bool GoOn, IReadOnlyList<StatusChange> Changes)> RecordCoreAsync(LaneLease lease, StoredMessage message, SendResult result, CancellationToken ct)
    {
        var now = Time.NowMs();
        if (result.Accepted)
        {
            // The provider has the message, so it must not be sent again: a write that meets an unavailable database is
            // tried again while the lease holds, with a sixth of it to spare. Only a longer outage leaves the message
            // queued, to be sent once more (Meta has no idempotency key).
            var changes = await RetryWhileUnavailableAsync(
                lease, () => database.WriteAsync(w => RecordSentAsync(w, message, result.ProviderMessageId!, now), ct), Options.LeaseDuration / 6, ct);
            return (true, changes);
        }

        var attempts = message.Attempts + 1;
        var giveUp = !result.Transient || attempts >= Options.MaxAttempts;
        var reason = result.ErrorReason ?? result.ErrorCode ?? "unknown error";
        if (giveUp)
        {
            logger.LogWarning("Outbound message {MessageId} failed: {Code} {Reason}", message.Id, result.ErrorCode, Observability.LogText.Safe(reason));
            var failed = new StatusUpdate("", MessageStatus.Failed, Clock.FromMs(now)) { ErrorCode = result.ErrorCode, ErrorReason = reason };
            await database.WriteAsync(async w =>
            {
                var (c, tx, token) = (w.Connection, w.Transaction, w.CancellationToken);
                await ConversationLocks.LockAsync(c, tx, message.ConversationId, token);
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE messages SET process_state = 3, attempts = @attempts, last_error = @reason, failed_transient = @transient WHERE id = @Id",
                    new { attempts, reason, transient = result.Transient ? 1 : 0, message.Id }, tx, cancellationToken: token));
                await StatusWriter.ApplyToMessageAsync(c, tx, message.Id, message.Status, failed, now, token);
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE conversations SET out_pending = out_pending - 1 WHERE id = @ConversationId", new { message.ConversationId }, tx, cancellationToken: token));
                return true;
            }, ct);
            return (true, [new StatusChange(message.Id, message.Status, MessageStatus.Failed, failed)]);
        }

        var backoff = Options.Backoff(attempts, Random.Shared.NextDouble());
        if (result.RetryAfter is { } after && after > backoff)
        {
            backoff = after;
        }

        var next = now + (long)backoff.TotalMilliseconds;
        logger.LogInformation("Outbound message {MessageId} will be retried in {Delay} ms: {Code} {Reason}", message.Id, (long)backoff.TotalMilliseconds, result.ErrorCode, Observability.LogText.Safe(reason));
        await database.WriteAsync(async w =>
        {
            await ConversationLocks.LockAsync(w.Connection, w.Transaction, message.ConversationId, w.CancellationToken);
            return await w.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE messages SET attempts = @attempts, last_error = @reason, next_attempt_at = @next WHERE id = @Id",
                new { attempts, reason, next, message.Id }, w.Transaction, cancellationToken: w.CancellationToken));
        }, ct);
        lease.ReadyAt = next;
        return (false, []);
    }

    /// <summary>The provider accepted the message: sent, with its provider id, and any status that arrived before it.</summary>
    /// <remarks>A no-op when the message is no longer queued: a retried write whose first commit did go through, or
    /// another worker that recorded the same message after this one's lease ran out.</remarks>
    private static async Task<IReadOnlyList<StatusChange>> RecordSentAsync(WriteContext w, StoredMessage message, string providerMessageId, long now)
    {
        var (c, tx, ct) = (w.Connection, w.Transaction, w.CancellationToken);
        await ConversationLocks.LockAsync(c, tx, message.ConversationId, ct);
        var updated = await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE messages SET provider_message_id = @providerMessageId, process_state = 2, attempts = attempts + 1, sent_at = @now, last_error = NULL
            WHERE id = @Id AND process_state = 1
            """,
            new { providerMessageId, now, message.Id }, tx, cancellationToken: ct));
        if (updated == 0)
        {
            return [];
        }

        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET out_pending = out_pending - 1, last_message_at = @now WHERE id = @ConversationId",
            new { now, message.ConversationId }, tx, cancellationToken: ct));
        var sent = new StatusUpdate(providerMessageId, MessageStatus.Sent, Clock.FromMs(now));
        var status = await StatusWriter.ApplyToMessageAsync(c, tx, message.Id, message.Status, sent, now, ct);
        var parked = await StatusWriter.ApplyParkedTrackedAsync(c, tx, message.AccountId, providerMessageId, message.Id, status, now, ct);
        return [new StatusChange(message.Id, message.Status, status, sent), .. parked];
    }

    /// <summary>After the commit: one event per status the message moved through (a parked "delivered" included).</summary>
    private ValueTask PublishStatusesAsync(StoredMessage message, IReadOnlyList<StatusChange> changes, CancellationToken ct) =>
        changes.Count == 0 || !events.Wants(MessageStatusChanged.Name)
            ? ValueTask.CompletedTask
            : events.PublishAsync(
                changes.Where(c => c.Changed)
                    .Select(c => new MessageStatusChanged(message.AccountId, message.Id, c.Previous, c.Current, c.Update.Timestamp) { ErrorCode = c.Update.ErrorCode, ErrorReason = c.Update.ErrorReason })
                    .ToList(),
                ct);
}
