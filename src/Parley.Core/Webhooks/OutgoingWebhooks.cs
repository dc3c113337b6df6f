using Microsoft.Extensions.DependencyInjection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Contacts;
using Parley.Core.Events;
using Parley.Core.Messaging;
using Parley.Core.Secrets;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Webhooks;

/// <summary>
/// Outgoing webhooks: the subscriptions (with their secrets encrypted at rest) and the queue of deliveries.
/// As an event listener it turns committed domain events into delivery rows, one per interested subscription,
/// which <see cref="WebhookDispatcher"/> sends. Whether anyone subscribes is cached, so events nobody wants cost nothing.
/// </summary>
public sealed class OutgoingWebhooks(
    Database database,
    ISecretProtector protector,
    MessageQueries messages,
    ContactDirectory contacts,
    AccountRegistry accounts,
    IServiceProvider services,
    IOptions<OutgoingWebhookOptions> options,
    WebhookTargets targets,
    TimeProvider time,
    ILogger<OutgoingWebhooks> logger,
    IEnumerable<IWebhookRedaction>? redactions = null) : IDomainEventListener
{
    public const string AllEvents = "*";
    private Outbound.ChannelCatalog? _channels;
    private static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(30);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const string Purpose = "Parley.Webhooks.Secrets.v1";
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedSubscriptions? _cache;

    private sealed record CachedSubscriptions(IReadOnlyList<WebhookSubscription> Enabled, long Expires);

    private const string SubscriptionColumns = "id, url, events, secret, description, enabled, created_at, updated_at";

    private sealed record Row(long id, string url, string events, string secret, string? description, long enabled, long created_at, long updated_at);

    private sealed record DeliveryRow(long id, long subscription_id, string event_id, string event_type, string state, long attempts, long next_attempt_at,
        long? last_status, string? last_error, long created_at, long? delivered_at);

    /// <summary>Wakes the dispatcher when deliveries are queued in this process.</summary>
    public WorkSignal Signal { get; } = new();

    public static bool IsKnownEvent(string type) => type == AllEvents || DomainEventTypes.All.Contains(type, StringComparer.Ordinal);

    /// <exception cref="WebhookTargetRefusedException">The URL is refused by <see cref="WebhookTargets"/>.</exception>
    public async Task<CreatedWebhookSubscription> CreateAsync(string url, IReadOnlyList<string> events, string? description, CancellationToken ct = default)
    {
        await EnsureAllowedAsync(url, ct);
        var secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO webhook_subscriptions (url, events, secret, description, enabled, created_at, updated_at)
            VALUES (@url, @events, @secret, @description, 1, @now, @now) RETURNING id
            """,
            new { url, events = JsonSerializer.Serialize(events), secret = protector.Protect(Purpose, secret), description, now }, cancellationToken: ct));
        Invalidate();
        return new CreatedWebhookSubscription(
            new WebhookSubscription(id, url, events) { Description = description, CreatedAt = Clock.FromMs(now), UpdatedAt = Clock.FromMs(now) }, secret);
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"SELECT {SubscriptionColumns} FROM webhook_subscriptions ORDER BY id", cancellationToken: ct));
        return rows.Select(ToSubscription).ToList();
    }

    public async Task<WebhookSubscription?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToSubscription(row);
    }

    /// <summary>Changes what is given; returns the subscription as it is now, or null when it does not exist.</summary>
    /// <exception cref="WebhookTargetRefusedException">The new URL is refused by <see cref="WebhookTargets"/>.</exception>
    public async Task<WebhookSubscription?> UpdateAsync(long id, string? url, IReadOnlyList<string>? events, bool? enabled, string? description, CancellationToken ct = default)
    {
        if (url is not null)
        {
            await EnsureAllowedAsync(url, ct);
        }

        await using (var c = await database.OpenAsync(ct))
        {
            var updated = await c.ExecuteAsync(new CommandDefinition(
                """
                UPDATE webhook_subscriptions SET url = COALESCE(@url, url), events = COALESCE(@events, events),
                    enabled = COALESCE(@enabled, enabled), description = COALESCE(@description, description), updated_at = @now
                WHERE id = @id
                """,
                new
                {
                    id, url, events = events is null ? null : JsonSerializer.Serialize(events),
                    enabled = enabled is null ? (long?)null : enabled.Value ? 1 : 0, description, now = time.NowMs(),
                },
                cancellationToken: ct));
            if (updated == 0)
            {
                return null;
            }
        }

        Invalidate();
        return await FindAsync(id, ct);
    }

    private async Task EnsureAllowedAsync(string url, CancellationToken ct)
    {
        if (await targets.RefusalAsync(url, ct) is { } refusal)
        {
            throw new WebhookTargetRefusedException(refusal);
        }
    }

    /// <summary>Deletes the subscription and its queued deliveries.</summary>
    public async Task<bool> RemoveAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM webhook_deliveries WHERE subscription_id = @id", new { id }, tx, cancellationToken: ct));
        var removed = await c.ExecuteAsync(new CommandDefinition("DELETE FROM webhook_subscriptions WHERE id = @id", new { id }, tx, cancellationToken: ct)) > 0;
        await tx.CommitAsync(ct);
        Invalidate();
        return removed;
    }

    /// <summary>The subscription's URL and secret in clear, for signing.</summary>
    internal async Task<(string Url, string Secret, bool Enabled)?> TargetAsync(long id, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {SubscriptionColumns} FROM webhook_subscriptions WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : (row.url, protector.Unprotect(Purpose, row.secret), row.enabled != 0);
    }

    public async Task<Page<WebhookDelivery>> DeliveriesAsync(long? subscriptionId, string? state, long? beforeId, int limit, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = (await c.QueryAsync<DeliveryRow>(new CommandDefinition(
            $"""
            SELECT id, subscription_id, event_id, event_type, state, attempts, next_attempt_at, last_status, last_error, created_at, delivered_at
            FROM webhook_deliveries WHERE id < @before {(subscriptionId is null ? "" : "AND subscription_id = @subscriptionId")} {(state is null ? "" : "AND state = @state")}
            ORDER BY id DESC LIMIT @take
            """,
            new { before = beforeId ?? long.MaxValue, subscriptionId, state, take = limit + 1 }, cancellationToken: ct))).ToList();
        return Page<WebhookDelivery>.From(rows.Select(r => new WebhookDelivery(r.id, r.subscription_id, r.event_id, r.event_type, r.state, (int)r.attempts)
        {
            NextAttemptAt = Clock.FromMs(r.next_attempt_at),
            LastStatus = r.last_status is { } s ? (int)s : null,
            LastError = r.last_error,
            CreatedAt = Clock.FromMs(r.created_at),
            DeliveredAt = r.delivered_at is { } d ? Clock.FromMs(d) : null,
        }).ToList(), limit, d => d.Id);
    }

    /// <summary>Sends a failed delivery again from the start (attempts reset); false when there is no such failed delivery.</summary>
    public async Task<bool> RedeliverAsync(long deliveryId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var updated = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = @now, lease_until = 0 WHERE id = @deliveryId AND state = 'failed'",
            new { deliveryId, now = time.NowMs() }, cancellationToken: ct));
        Signal.Notify();
        return updated > 0;
    }

    /// <summary>Queues a test event (<c>ping</c>) for one subscription.</summary>
    public async Task<long> PingAsync(long subscriptionId, CancellationToken ct = default)
    {
        var envelope = new WebhookEnvelope(NewEventId(), "ping", time.GetUtcNow(), "", new { subscriptionId });
        await using var c = await database.OpenAsync(ct);
        var id = await InsertDeliveryAsync(c, null, subscriptionId, envelope, time.NowMs(), ct);
        Signal.Notify();
        return id;
    }

    // ---- as a domain event listener ----

    public bool Wants(string type)
    {
        var cache = _cache;
        if (cache is null)
        {
            // Not loaded yet: say yes, and HandleAsync reads the subscriptions.
            return true;
        }

        if (cache.Expires < time.NowMs())
        {
            // Refreshed in the background: the hot path answers from the stale list meanwhile.
            _ = RefreshInBackgroundAsync();
        }

        foreach (var s in cache.Enabled)
        {
            if (s.Wants(type))
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask HandleAsync(IReadOnlyList<DomainEvent> events, CancellationToken ct)
    {
        var subscriptions = await EnabledAsync(ct);
        if (subscriptions.Count == 0)
        {
            return;
        }

        var now = time.NowMs();
        var queued = 0;
        await using var c = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(c, ct);
        foreach (var e in events)
        {
            var wanting = subscriptions.Where(s => s.Wants(e.Type)).ToList();
            if (wanting.Count == 0)
            {
                continue;
            }

            var sandbox = await IsSandboxAsync(e.AccountId, ct);
            if (sandbox && !options.Value.DeliverSandboxEvents)
            {
                continue;
            }

            var envelope = new WebhookEnvelope(NewEventId(), e.Type, e.At, e.AccountId, await DataAsync(e, ct)) { Sandbox = sandbox ? true : null };
            foreach (var s in wanting)
            {
                await InsertDeliveryAsync(c, tx, s.Id, envelope, now, ct);
                queued++;
            }
        }

        await tx.CommitAsync(ct);
        if (queued > 0)
        {
            Signal.Notify();
        }
    }

    /// <summary>Reads the enabled subscriptions (cached for a short time; other instances' changes show within it).</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> EnabledAsync(CancellationToken ct)
    {
        var cache = _cache;
        if (cache is not null && cache.Expires >= time.NowMs())
        {
            return cache.Enabled;
        }

        await RefreshAsync(ct);
        return _cache?.Enabled ?? [];
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        if (!await _refresh.WaitAsync(0, ct))
        {
            return;
        }

        try
        {
            var all = await ListAsync(ct);
            _cache = new CachedSubscriptions(all.Where(s => s.Enabled).ToList(), time.NowMs() + (long)CacheTtl.TotalMilliseconds);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await RefreshAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reading the outgoing webhook subscriptions failed; the previous list stays in use");
        }
    }

    private void Invalidate() => _cache = null;

    private async ValueTask<bool> IsSandboxAsync(string accountId, CancellationToken ct) =>
        accountId.Length > 0 && await accounts.FindAsync(accountId, ct) is { } account
        && Channels.For(account.Provider) is { Capabilities.Simulated: true };

    /// <summary>
    /// Resolved on first use, not injected: the sandbox channel stores its simulated statuses through intake, which
    /// publishes domain events to this listener, so taking the catalogue in the constructor would be a cycle.
    /// </summary>
    private Outbound.ChannelCatalog Channels => _channels ??= services.GetRequiredService<Outbound.ChannelCatalog>();

    private async Task<object> DataAsync(DomainEvent e, CancellationToken ct)
    {
        switch (e)
        {
            case MessageReceived received:
                var message = await messages.FindAsync(received.MessageId, ct);
                var contact = message is null ? null : await contacts.FindAsync(message.ContactId, ct);
                if (redactions?.Any(r => r.Redacts(received.AccountId)) == true)
                {
                    return new
                    {
                        message = message is null ? null : new
                        {
                            id = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            conversationId = message.ConversationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            direction = message.Direction,
                            type = message.Content.Type,
                            redacted = true,
                            createdAt = message.CreatedAt,
                        },
                        contact = contact is null ? null : new { id = contact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), redacted = true },
                    };
                }

                return new
                {
                    message = message is null ? null : new
                    {
                        id = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        conversationId = message.ConversationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        direction = message.Direction,
                        type = message.Content.Type,
                        text = message.Content.Summary(),
                        content = message.Content,
                        providerMessageId = message.ProviderMessageId,
                        createdAt = message.CreatedAt,
                    },
                    contact = contact is null ? null : new
                    {
                        id = contact.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        waId = contact.WaId,
                        phone = contact.Phone,
                        name = contact.Name,
                    },
                };
            case MessageStatusChanged status:
                var sent = await messages.FindAsync(status.MessageId, ct);
                return new
                {
                    messageId = status.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    conversationId = sent?.ConversationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    providerMessageId = sent?.ProviderMessageId,
                    status = status.Status,
                    previousStatus = status.Previous,
                    at = status.At,
                    errorCode = status.ErrorCode,
                    errorReason = status.ErrorReason,
                };
            case ConversationStateChanged state:
                return new
                {
                    conversationId = state.ConversationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    state = state.State,
                    by = state.By,
                };
            case AccountAlertRaised raised:
                return new
                {
                    alert = new
                    {
                        id = raised.Alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        kind = raised.Alert.Kind,
                        type = raised.Alert.Type,
                        severity = raised.Alert.Severity,
                        description = raised.Alert.Description,
                        qualityRating = raised.Alert.QualityRating,
                        messagingLimit = raised.Alert.MessagingLimit,
                        receivedAt = raised.Alert.ReceivedAt,
                    },
                };
            default:
                return new { };
        }
    }

    private static Task<long> InsertDeliveryAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, long subscriptionId, WebhookEnvelope envelope, long now, CancellationToken ct) =>
        c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, payload, state, attempts, next_attempt_at, created_at)
            VALUES (@subscriptionId, @Id, @Type, @payload, 'pending', 0, @now, @now) RETURNING id
            """,
            new { subscriptionId, envelope.Id, envelope.Type, payload = JsonSerializer.Serialize(envelope, Json), now }, tx, cancellationToken: ct));

    private static string NewEventId() => "evt_" + Guid.CreateVersion7().ToString("N");

    private static WebhookSubscription ToSubscription(Row r) =>
        new(r.id, r.url, JsonSerializer.Deserialize<List<string>>(r.events) ?? [])
        {
            Description = r.description,
            Enabled = r.enabled != 0,
            CreatedAt = Clock.FromMs(r.created_at),
            UpdatedAt = Clock.FromMs(r.updated_at),
        };
}
