using System.Globalization;
using System.Net;
using System.Text;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Startup;
using Parley.Core.Storage;
using Parley.Core.Work;

namespace Parley.Core.Webhooks;

/// <summary>
/// Sends queued outgoing webhook deliveries: claims due rows with a lease (so instances share the work), POSTs the
/// signed JSON, and records the outcome. A 2xx answer delivers; anything else is retried with exponential backoff
/// (the receiver's Retry-After wins) until <see cref="OutgoingWebhookOptions.MaxAttempts"/>, then marked failed.
/// </summary>
public sealed class WebhookDispatcher(
    Database database,
    OutgoingWebhooks webhooks,
    IHttpClientFactory httpClients,
    IOptions<OutgoingWebhookOptions> options,
    TimeProvider time,
    InstanceIdentity instance,
    StartupGate gate,
    ILogger<WebhookDispatcher> logger) : AfterStartupService(gate)
{
    public const string HttpClientName = "Parley.Webhooks";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private sealed record Claimed(long id, long subscription_id, string event_id, string event_type, string payload, long attempts);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        await Task.Yield();
        try
        {
            // Loads the subscription list now, so the first webhooks after start answer "anyone listening?" from memory.
            await webhooks.EnabledAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Reading the outgoing webhook subscriptions failed; retrying when events arrive");
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DrainOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outgoing webhook dispatch failed; retrying");
            }

            if (sent == 0)
            {
                try
                {
                    await webhooks.Signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Claims and sends one batch of due deliveries; returns how many were attempted.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken ct)
    {
        var now = time.NowMs();
        IReadOnlyList<Claimed> batch;
        await using (var c = await database.OpenAsync(ct))
        await using (var tx = await database.BeginWriteAsync(c, ct))
        {
            batch = (await c.QueryAsync<Claimed>(new CommandDefinition(
                $"""
                UPDATE webhook_deliveries SET lease_owner = @owner, lease_until = @until
                WHERE id IN (
                    SELECT id FROM webhook_deliveries
                    WHERE state = 'pending' AND next_attempt_at <= @now AND lease_until < @now
                    ORDER BY next_attempt_at LIMIT @max{database.ForUpdateSkipLocked})
                RETURNING id, subscription_id, event_id, event_type, payload, attempts
                """,
                new { owner = instance.Id, until = now + (long)Lease.TotalMilliseconds, now, max = options.Value.Concurrency }, tx, cancellationToken: ct))).ToList();
            await tx.CommitAsync(ct);
        }

        await Task.WhenAll(batch.Select(d => DeliverAsync(d, ct)));
        return batch.Count;
    }

    private async Task DeliverAsync(Claimed d, CancellationToken ct)
    {
        var target = await webhooks.TargetAsync(d.subscription_id, ct);
        if (target is not { Enabled: true } t)
        {
            await RecordAsync(d, delivered: false, giveUp: true, status: null, error: "The subscription is disabled.", retryAfter: null, ct);
            return;
        }

        int? status = null;
        string? error = null;
        TimeSpan? retryAfter = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, t.Url)
            {
                Content = new StringContent(d.payload, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, WebhookSignature.Sign(t.Secret, time.GetUtcNow().ToUnixTimeSeconds(), d.payload));
            request.Headers.TryAddWithoutValidation("X-Parley-Event", d.event_type);
            request.Headers.TryAddWithoutValidation("X-Parley-Event-Id", d.event_id);
            request.Headers.TryAddWithoutValidation("X-Parley-Delivery", d.id.ToString(CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("X-Parley-Attempt", (d.attempts + 1).ToString(CultureInfo.InvariantCulture));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await RecordAsync(d, delivered: true, giveUp: false, status, null, null, ct);
                return;
            }

            error = $"HTTP {status} {response.ReasonPhrase}";
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                retryAfter = response.Headers.RetryAfter?.Delta
                    ?? (response.Headers.RetryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
            }
        }
        catch (HttpRequestException ex)
        {
            error = $"{ex.HttpRequestError}: {ex.Message}";
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            error = $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s.";
        }

        var giveUp = d.attempts + 1 >= options.Value.MaxAttempts;
        await RecordAsync(d, delivered: false, giveUp, status, error, retryAfter, ct);
    }

    private async Task RecordAsync(Claimed d, bool delivered, bool giveUp, int? status, string? error, TimeSpan? retryAfter, CancellationToken ct)
    {
        var now = time.NowMs();
        var attempts = d.attempts + 1;
        var backoff = options.Value.Backoff((int)attempts, Random.Shared.NextDouble());
        if (retryAfter is { } after && after > backoff)
        {
            backoff = after < options.Value.MaxBackoff ? after : options.Value.MaxBackoff;
        }

        var state = delivered ? "delivered" : giveUp ? "failed" : "pending";
        if (!delivered)
        {
            logger.Log(giveUp ? LogLevel.Warning : LogLevel.Information,
                "Webhook delivery {DeliveryId} ({EventType}) attempt {Attempt} failed: {Error}{Outcome}",
                d.id, d.event_type, attempts, error, giveUp ? "; giving up" : $"; retry in {backoff.TotalSeconds:0.#} s");
        }

        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE webhook_deliveries SET state = @state, attempts = @attempts, last_status = @status, last_error = @error,
                next_attempt_at = @next, lease_owner = NULL, lease_until = 0, delivered_at = @deliveredAt
            WHERE id = @id
            """,
            new
            {
                state, attempts, status, error = error is { Length: > 1000 } ? error[..1000] : error,
                next = now + (long)backoff.TotalMilliseconds, deliveredAt = delivered ? now : (long?)null, d.id,
            },
            cancellationToken: ct));
    }
}
