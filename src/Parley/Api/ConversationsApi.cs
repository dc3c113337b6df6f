using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Bots;
using Parley.Core.Contacts;
using Parley.Core.Conversations;
using Parley.Core.Storage;

namespace Parley.Api;

/// <summary>Conversations: list with filters, one with its messages, and takeover / hand back by a person.</summary>
public static class ConversationsApi
{
    public static RouteGroupBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/conversations", "Conversations");
        group.MapGet("/", ListAsync)
            .Read()
            .WithName("ListConversations")
            .WithSummary("Conversations, newest first")
            .WithDescription("Filter by `account`, `contact` (a phone number or a contact id) and `state` (`bot` or `human`). Paged with `cursor`.")
            .ProducesValidationProblem()
            .WithExamples(response: new PageView<ConversationView>([ConversationView.Example], "djE6Njg"));
        group.MapGet("/{id:long}", FindAsync)
            .Read()
            .WithName("GetConversation")
            .WithSummary("One conversation")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: ConversationView.Example);
        group.MapGet("/{id:long}/messages", MessagesAsync)
            .Read()
            .WithName("ListConversationMessages")
            .WithSummary("A conversation's messages, newest first")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: new PageView<MessageView>([MessageView.Example], null));
        group.MapPost("/{id:long}/takeover", TakeOverAsync)
            .Admin()
            .WithName("TakeOverConversation")
            .WithSummary("A person takes the conversation over from the bot")
            .WithDescription("Sets the state to `human`: bots leave the conversation to a person until it is handed back. Publishes `conversation.takeover` to outgoing webhooks.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(new TakeoverRequest { By = "ana@example.com" }, ConversationView.Example with { State = ConversationInfo.HumanState });
        group.MapPost("/{id:long}/handback", HandBackAsync)
            .Admin()
            .WithName("HandBackConversation")
            .WithSummary("Hand the conversation back to the bot")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(new TakeoverRequest { By = "ana@example.com" }, ConversationView.Example);
        return group;
    }

    private static async Task<Results<Ok<PageView<ConversationView>>, ValidationProblem>> ListAsync(
        string? account, string? contact, string? state, string? cursor, int? limit, ConversationQueries conversations, CancellationToken ct)
    {
        if (!ApiCursor.TryDecode(cursor, out var before))
        {
            return ApiProblems.Validation("cursor", ApiProblems.InvalidCursor);
        }

        if (state is not (null or ConversationInfo.BotState or ConversationInfo.HumanState))
        {
            return ApiProblems.Validation("state", "'state' must be 'bot' or 'human'.");
        }

        if (limit is < 1 or > Paging.MaxLimit)
        {
            return ApiProblems.Validation("limit", $"'limit' must be between 1 and {Paging.MaxLimit}.");
        }

        var filter = new ConversationFilter { AccountId = Blank(account), State = state };
        if (Blank(contact) is { } c)
        {
            if (long.TryParse(c, out var contactId) && !c.StartsWith('+'))
            {
                filter = filter with { ContactId = contactId };
            }
            else if (PhoneNumber.TryParse(c, null, out var phone))
            {
                filter = filter with { ContactWaId = phone.WaId };
            }
            else
            {
                return ApiProblems.Validation("contact", "'contact' must be a contact id or a phone number in international form.");
            }
        }

        var page = await conversations.ListAsync(filter, before, Paging.Clamp(limit), ct);
        return TypedResults.Ok(page.ToView(ConversationView.From));
    }

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> FindAsync(long id, ConversationQueries conversations, CancellationToken ct) =>
        await conversations.FindAsync(id, ct) is { } found
            ? TypedResults.Ok(ConversationView.From(found))
            : ApiProblems.NotFound($"No conversation {id}.");

    private static async Task<Results<Ok<PageView<MessageView>>, ValidationProblem, ProblemHttpResult>> MessagesAsync(
        long id, string? cursor, int? limit, ConversationQueries conversations, CancellationToken ct)
    {
        if (!ApiCursor.TryDecode(cursor, out var before))
        {
            return ApiProblems.Validation("cursor", ApiProblems.InvalidCursor);
        }

        if (await conversations.FindAsync(id, ct) is null)
        {
            return ApiProblems.NotFound($"No conversation {id}.");
        }

        var page = await conversations.MessagesAsync(id, before, Paging.Clamp(limit), ct);
        return TypedResults.Ok(page.ToView(MessageView.From));
    }

    private static Task<Results<Ok<ConversationView>, ProblemHttpResult>> TakeOverAsync(
        long id, TakeoverRequest? request, ClaimsPrincipal user, ConversationTakeover takeover, ConversationQueries conversations, CancellationToken ct) =>
        ChangeAsync(id, request, user, takeover.TakeOverAsync, conversations, ct);

    private static Task<Results<Ok<ConversationView>, ProblemHttpResult>> HandBackAsync(
        long id, TakeoverRequest? request, ClaimsPrincipal user, ConversationTakeover takeover, ConversationQueries conversations, CancellationToken ct) =>
        ChangeAsync(id, request, user, takeover.HandBackAsync, conversations, ct);

    private static async Task<Results<Ok<ConversationView>, ProblemHttpResult>> ChangeAsync(
        long id, TakeoverRequest? request, ClaimsPrincipal user, Func<long, string, CancellationToken, Task<bool>> change, ConversationQueries conversations, CancellationToken ct)
    {
        var by = string.IsNullOrWhiteSpace(request?.By) ? user.Actor() : request.By.Trim();
        if (!await change(id, by, ct))
        {
            return ApiProblems.NotFound($"No conversation {id}.");
        }

        return TypedResults.Ok(ConversationView.From((await conversations.FindAsync(id, ct))!));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
