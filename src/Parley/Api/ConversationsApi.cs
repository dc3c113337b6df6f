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

public sealed record TakeoverRequest
{
    /// <summary>Who takes over or hands back (shown to others and sent in the webhook); the API key's name when left out.</summary>
    public string? By { get; init; }
}

public sealed record ContactView(string Id, string AccountId, string WaId)
{
    public string? Phone { get; init; }
    public string? Name { get; init; }
    public bool OptedOut { get; init; }
    public DateTimeOffset? OptedOutAt { get; init; }
    public bool Blocked { get; init; }
    public bool Allowed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    internal static readonly ContactView Example = new("3", "sandbox", "15550001111")
    {
        Phone = "+15550001111",
        Name = "Ana",
        CreatedAt = DateTimeOffset.Parse("2026-01-05T09:59:00Z", System.Globalization.CultureInfo.InvariantCulture),
        UpdatedAt = DateTimeOffset.Parse("2026-01-05T09:59:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static ContactView From(ContactSummary c) => new(ApiProblems.Id(c.Id), c.AccountId, c.WaId)
    {
        Phone = c.Phone,
        Name = c.Name,
        OptedOut = c.OptedOut,
        OptedOutAt = c.OptedOutAt,
        Blocked = c.Blocked,
        Allowed = c.Allowed,
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
    };
}

public sealed record ConversationView(string Id, string AccountId, ContactView Contact, string State)
{
    public DateTimeOffset? LastInboundAt { get; init; }
    public DateTimeOffset LastMessageAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public long Unread { get; init; }
    /// <summary>The contact wrote within 24 hours: free-form messages may be sent; otherwise only templates.</summary>
    public bool WindowOpen { get; init; }
    public string? LastMessage { get; init; }
    public string? LastMessageDirection { get; init; }
    public long InboundPending { get; init; }
    public long OutboundPending { get; init; }

    internal static readonly ConversationView Example = new("7", "sandbox", ContactView.Example, ConversationInfo.BotState)
    {
        LastInboundAt = DateTimeOffset.Parse("2026-01-05T09:59:00Z", System.Globalization.CultureInfo.InvariantCulture),
        LastMessageAt = DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        CreatedAt = DateTimeOffset.Parse("2026-01-05T09:59:00Z", System.Globalization.CultureInfo.InvariantCulture),
        WindowOpen = true,
        LastMessage = "Your order has shipped.",
        LastMessageDirection = "outbound",
    };

    public static ConversationView From(ConversationSummary s) => new(ApiProblems.Id(s.Id), s.AccountId, ContactView.From(s.Contact), s.State)
    {
        LastInboundAt = s.LastInboundAt,
        LastMessageAt = s.LastMessageAt,
        CreatedAt = s.CreatedAt,
        Unread = s.Unread,
        WindowOpen = s.WindowOpen,
        LastMessage = s.LastMessagePreview,
        LastMessageDirection = s.LastMessageDirection,
        InboundPending = s.InboundPending,
        OutboundPending = s.OutboundPending,
    };
}
