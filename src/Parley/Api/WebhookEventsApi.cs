using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Inbound;
using Parley.Core.Storage;

namespace Parley.Api;

/// <summary>The provider webhook deliveries Parley stored: list (failed ones first of interest), read with the raw body, replay.</summary>
public static class WebhookEventsApi
{
    public const int MaxReplay = 500;

    public static RouteGroupBuilder MapWebhookEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/webhook-events", "Webhook events");
        group.MapGet("/", ListAsync)
            .Read()
            .WithName("ListWebhookEvents")
            .WithSummary("Stored provider webhook deliveries, newest first")
            .WithDescription("`state`: `stored` or `failed`; `account` narrows to one account. Bodies are left out of lists.")
            .ProducesValidationProblem()
            .WithExamples(response: new PageView<WebhookEventView>([WebhookEventView.Example], null));
        group.MapGet("/{id:long}", FindAsync)
            .Read()
            .WithName("GetWebhookEvent")
            .WithSummary("One delivery with its raw body")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: WebhookEventView.Example with { Body = "{\"object\":\"whatsapp_business_account\",\"entry\":[]}" });
        group.MapPost("/replay", ReplayAsync)
            .Admin()
            .WithName("ReplayWebhookEvents")
            .WithSummary("Replay failed deliveries")
            .WithDescription($"Parses the stored bodies again with their channel and stores what they carry (duplicates stay no-ops). Give `ids`, or `failed: true` for every failed one (at most {MaxReplay}).")
            .ProducesValidationProblem()
            .WithExamples(new ReplayRequest { Ids = ["12", "13"] }, new ReplayResponse([new ReplayItem("12", "replayed", "1 new message(s), 0 already stored, 0 status(es).")]));
        return group;
    }

    private static async Task<Results<Ok<PageView<WebhookEventView>>, ValidationProblem>> ListAsync(
        string? state, string? account, string? cursor, int? limit, WebhookEventStore events, CancellationToken ct)
    {
        if (!ApiCursor.TryDecode(cursor, out var before))
        {
            return ApiProblems.Validation("cursor", ApiProblems.InvalidCursor);
        }

        if (state is not (null or StoredWebhookEvent.Stored or StoredWebhookEvent.Failed))
        {
            return ApiProblems.Validation("state", "'state' must be 'stored' or 'failed'.");
        }

        if (limit is < 1 or > Paging.MaxLimit)
        {
            return ApiProblems.Validation("limit", $"'limit' must be between 1 and {Paging.MaxLimit}.");
        }

        var page = await events.ListAsync(state, string.IsNullOrWhiteSpace(account) ? null : account.Trim(), before, Paging.Clamp(limit), ct);
        return TypedResults.Ok(page.ToView(WebhookEventView.From));
    }

    private static async Task<Results<Ok<WebhookEventView>, ProblemHttpResult>> FindAsync(long id, WebhookEventStore events, CancellationToken ct) =>
        await events.FindAsync(id, ct) is { } e ? TypedResults.Ok(WebhookEventView.From(e)) : ApiProblems.NotFound($"No webhook event {id}.");

    private static async Task<Results<Ok<ReplayResponse>, ValidationProblem>> ReplayAsync(ReplayRequest request, WebhookReplay replay, CancellationToken ct)
    {
        IReadOnlyList<ReplayResult> results;
        if (request.Failed == true)
        {
            results = await replay.ReplayFailedAsync(string.IsNullOrWhiteSpace(request.Account) ? null : request.Account.Trim(), MaxReplay, ct);
        }
        else
        {
            var ids = new List<long>();
            foreach (var (raw, i) in (request.Ids ?? []).Select((s, i) => (s, i)))
            {
                if (!long.TryParse(raw, out var id))
                {
                    return ApiProblems.Validation($"ids[{i}]", $"'{raw}' is not a webhook event id.");
                }

                ids.Add(id);
            }

            if (ids.Count is 0 or > MaxReplay)
            {
                return ApiProblems.Validation("ids", $"Give 1 to {MaxReplay} event ids in 'ids', or 'failed': true.");
            }

            results = await replay.ReplayAsync(ids, ct);
        }

        return TypedResults.Ok(new ReplayResponse(results.Select(r => new ReplayItem(ApiProblems.Id(r.EventId), Wire(r.Outcome), r.Detail)).ToList()));
    }

    internal static string Wire(ReplayOutcome outcome) => outcome switch
    {
        ReplayOutcome.Replayed => "replayed",
        ReplayOutcome.NotFound => "not_found",
        ReplayOutcome.NotFailed => "not_failed",
        ReplayOutcome.Unsupported => "unsupported",
        ReplayOutcome.AccountMissing => "account_missing",
        _ => "failed",
    };
}
