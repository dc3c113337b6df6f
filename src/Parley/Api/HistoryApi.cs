using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Conversations;

namespace Parley.Api;

/// <summary><c>GET /api/v1/history?phone=+E164&amp;limit=10</c>: a contact's recent messages, newest first.</summary>
public static class HistoryApi
{
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/history", "Messages");
        group.MapGet("/", HistoryAsync)
            .Read()
            .WithName("GetHistory")
            .WithSummary("A contact's recent messages")
            .WithDescription("The contact's most recent messages in both directions, newest first, across accounts unless `account` is given.")
            .ProducesValidationProblem()
            .WithExamples(response: new HistoryView("+15550001111", [MessageView.Example]));
        return group;
    }

    private static async Task<Results<Ok<HistoryView>, ValidationProblem>> HistoryAsync(
        string? phone, string? account, int? limit, ConversationQueries conversations, Parley.Core.Accounts.AccountRegistry accounts, CancellationToken ct)
    {
        var known = string.IsNullOrWhiteSpace(account) ? null : await accounts.FindAsync(account.Trim(), ct);
        if (!Parley.Core.Accounts.AccountNumbers.TryParse(known, phone, out var number))
        {
            return ApiProblems.Validation("phone", "'phone' must be a phone number in international form, like +15550001111.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            return ApiProblems.Validation("limit", $"'limit' must be between 1 and {MaxLimit}.");
        }

        var messages = await conversations.HistoryAsync(number.WaId, string.IsNullOrWhiteSpace(account) ? null : account, limit ?? 10, ct);
        return TypedResults.Ok(new HistoryView(number.ToE164(), messages.Select(MessageView.From).ToList()));
    }
}
