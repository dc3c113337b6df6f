using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Events;
using Parley.Core.Storage;
using Parley.Core.Webhooks;

namespace Parley.Api;

/// <summary>
/// Outgoing webhooks: URLs that receive Parley's events as signed JSON (<c>X-Parley-Signature: t=…,v1=…</c>,
/// HMAC-SHA256 of "t.body" with the subscription's secret), retried with backoff until they answer 2xx.
/// </summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/webhooks", "Outgoing webhooks");
        group.MapGet("/", ListAsync)
            .Read()
            .WithName("ListWebhooks")
            .WithSummary("Outgoing webhook subscriptions")
            .WithExamples(response: new List<WebhookView> { WebhookView.Example });
        group.MapGet("/{id:long}", FindAsync)
            .Read()
            .WithName("GetWebhook")
            .WithSummary("One subscription")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: WebhookView.Example);
        group.MapPost("/", CreateAsync)
            .Admin()
            .WithName("CreateWebhook")
            .WithSummary("Subscribe a URL to events")
            .WithDescription($"Events: {string.Join(", ", DomainEventTypes.All)}, or * for all. The answer holds the signing `secret`, shown this once.")
            .ProducesValidationProblem()
            .WithExamples(
                new CreateWebhookRequest { Url = "https://crm.example.com/parley", Events = [MessageReceived.Name, MessageStatusChanged.Name], Description = "CRM" },
                new CreatedWebhookView(WebhookView.Example, "whsec_3q2+7w…"), StatusCodes.Status201Created);
        group.MapPatch("/{id:long}", UpdateAsync)
            .Admin()
            .WithName("UpdateWebhook")
            .WithSummary("Change a subscription (URL, events, enabled, description)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(new UpdateWebhookRequest { Enabled = false }, WebhookView.Example with { Enabled = false });
        group.MapDelete("/{id:long}", RemoveAsync)
            .Admin()
            .WithName("RemoveWebhook")
            .WithSummary("Remove a subscription and its queued deliveries")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/ping", PingAsync)
            .Admin()
            .WithName("PingWebhook")
            .WithSummary("Queue a test event (type ping) for the subscription")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: new PingAccepted("31"), status: StatusCodes.Status202Accepted);
        group.MapGet("/{id:long}/deliveries", DeliveriesAsync)
            .Read()
            .WithName("ListWebhookDeliveries")
            .WithSummary("A subscription's deliveries, newest first")
            .WithDescription("`state`: pending, delivered or failed.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: new PageView<WebhookDeliveryView>([WebhookDeliveryView.Example], null));
        group.MapPost("/deliveries/{deliveryId:long}/redeliver", RedeliverAsync)
            .Admin()
            .WithName("RedeliverWebhook")
            .WithSummary("Send a failed delivery again")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<List<WebhookView>>> ListAsync(OutgoingWebhooks webhooks, CancellationToken ct) =>
        TypedResults.Ok((await webhooks.ListAsync(ct)).Select(WebhookView.From).ToList());

    private static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> FindAsync(long id, OutgoingWebhooks webhooks, CancellationToken ct) =>
        await webhooks.FindAsync(id, ct) is { } s ? TypedResults.Ok(WebhookView.From(s)) : ApiProblems.NotFound($"No webhook subscription {id}.");

    private static async Task<Results<Created<CreatedWebhookView>, ValidationProblem>> CreateAsync(CreateWebhookRequest request, OutgoingWebhooks webhooks, CancellationToken ct)
    {
        var errors = Validate(request.Url, request.Events, required: true);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        try
        {
            var created = await webhooks.CreateAsync(request.Url!.Trim(), Events(request.Events), request.Description, ct);
            return TypedResults.Created($"{ApiExtensions.Prefix}/webhooks/{created.Subscription.Id}", new CreatedWebhookView(WebhookView.From(created.Subscription), created.Secret));
        }
        catch (WebhookTargetRefusedException refused)
        {
            return ApiProblems.Validation("url", refused.Message);
        }
    }

    private static async Task<Results<Ok<WebhookView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, UpdateWebhookRequest request, OutgoingWebhooks webhooks, CancellationToken ct)
    {
        var errors = Validate(request.Url, request.Events, required: false);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        WebhookSubscription? updated;
        try
        {
            updated = await webhooks.UpdateAsync(id, request.Url?.Trim(), request.Events is null ? null : Events(request.Events), request.Enabled, request.Description, ct);
        }
        catch (WebhookTargetRefusedException refused)
        {
            return ApiProblems.Validation("url", refused.Message);
        }

        return updated is null ? ApiProblems.NotFound($"No webhook subscription {id}.") : TypedResults.Ok(WebhookView.From(updated));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(long id, OutgoingWebhooks webhooks, CancellationToken ct) =>
        await webhooks.RemoveAsync(id, ct) ? TypedResults.NoContent() : ApiProblems.NotFound($"No webhook subscription {id}.");

    private static async Task<Results<Accepted<PingAccepted>, ProblemHttpResult>> PingAsync(long id, OutgoingWebhooks webhooks, CancellationToken ct)
    {
        if (await webhooks.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound($"No webhook subscription {id}.");
        }

        var delivery = await webhooks.PingAsync(id, ct);
        return TypedResults.Accepted((string?)null, new PingAccepted(ApiProblems.Id(delivery)));
    }

    private static async Task<Results<Ok<PageView<WebhookDeliveryView>>, ValidationProblem, ProblemHttpResult>> DeliveriesAsync(
        long id, string? state, string? cursor, int? limit, OutgoingWebhooks webhooks, CancellationToken ct)
    {
        if (!ApiCursor.TryDecode(cursor, out var before))
        {
            return ApiProblems.Validation("cursor", ApiProblems.InvalidCursor);
        }

        if (state is not (null or "pending" or "delivered" or "failed"))
        {
            return ApiProblems.Validation("state", "'state' must be 'pending', 'delivered' or 'failed'.");
        }

        if (await webhooks.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound($"No webhook subscription {id}.");
        }

        var page = await webhooks.DeliveriesAsync(id, state, before, Paging.Clamp(limit), ct);
        return TypedResults.Ok(page.ToView(WebhookDeliveryView.From));
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RedeliverAsync(long deliveryId, OutgoingWebhooks webhooks, CancellationToken ct) =>
        await webhooks.RedeliverAsync(deliveryId, ct) ? TypedResults.Accepted((string?)null) : ApiProblems.NotFound($"No failed delivery {deliveryId}.");

    internal static List<FieldError> Validate(string? url, IReadOnlyList<string>? events, bool required)
    {
        var errors = new List<FieldError>();
        if (url is null ? required : !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            errors.Add(new("url", "'url' must be an absolute http(s) URL."));
        }

        if (events is null ? required : events.Count == 0)
        {
            errors.Add(new("events", $"'events' must name at least one of {string.Join(", ", DomainEventTypes.All)}, or *."));
        }

        for (var i = 0; i < (events?.Count ?? 0); i++)
        {
            if (!OutgoingWebhooks.IsKnownEvent(events![i].Trim()))
            {
                errors.Add(new($"events[{i}]", $"'{events[i]}' is not an event; use {string.Join(", ", DomainEventTypes.All)}, or *."));
            }
        }

        return errors;
    }

    private static List<string> Events(IReadOnlyList<string>? events) => (events ?? []).Select(e => e.Trim()).Distinct(StringComparer.Ordinal).ToList();
}
