using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Contacts;
using Parley.Core.Storage;

namespace Parley.Api;

/// <summary>Contacts: search, and the switches an operator sets (block, allow, opt-out).</summary>
public static class ContactsApi
{
    public static RouteGroupBuilder MapContactsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/contacts", "Contacts");
        group.MapGet("/", SearchAsync)
            .Read()
            .WithName("ListContacts")
            .WithSummary("Contacts, newest first")
            .WithDescription("`search` matches the name (any part, any case) or digits of the phone number; `account` narrows to one account.")
            .ProducesValidationProblem()
            .WithExamples(response: new PageView<ContactView>([ContactView.Example], null));
        group.MapGet("/{id:long}", FindAsync)
            .Read()
            .WithName("GetContact")
            .WithSummary("One contact")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: ContactView.Example);
        Flag(group, "block", ContactFlag.Blocked, true, "Block: Parley ignores the contact's messages and sends them nothing.");
        Flag(group, "unblock", ContactFlag.Blocked, false, "Unblock.");
        Flag(group, "allow", ContactFlag.Allowed, true, "Put on the allow list (for bots that serve only listed contacts).");
        Flag(group, "disallow", ContactFlag.Allowed, false, "Take off the allow list.");
        Flag(group, "optout", ContactFlag.OptedOut, true, "Record that the contact wants no more messages: sends to them are refused.");
        Flag(group, "optin", ContactFlag.OptedOut, false, "Record that the contact opted in again.");
        return group;
    }

    private static void Flag(RouteGroupBuilder group, string action, ContactFlag flag, bool value, string summary) =>
        group.MapPost($"/{{id:long}}/{action}", async Task<Results<Ok<ContactView>, ProblemHttpResult>> (long id, ContactDirectory contacts, CancellationToken ct) =>
                await contacts.SetAsync(id, flag, value, ct) is { } contact ? TypedResults.Ok(ContactView.From(contact)) : ApiProblems.NotFound($"No contact {id}."))
            .Admin()
            .WithName($"Contact{char.ToUpperInvariant(action[0])}{action[1..]}")
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: flag switch
            {
                ContactFlag.Blocked => ContactView.Example with { Blocked = value },
                ContactFlag.Allowed => ContactView.Example with { Allowed = value },
                _ => ContactView.Example with { OptedOut = value },
            });

    private static async Task<Results<Ok<PageView<ContactView>>, ValidationProblem>> SearchAsync(
        string? search, string? account, string? cursor, int? limit, ContactDirectory contacts, CancellationToken ct)
    {
        if (!ApiCursor.TryDecode(cursor, out var before))
        {
            return ApiProblems.Validation("cursor", ApiProblems.InvalidCursor);
        }

        if (limit is < 1 or > Paging.MaxLimit)
        {
            return ApiProblems.Validation("limit", $"'limit' must be between 1 and {Paging.MaxLimit}.");
        }

        var page = await contacts.SearchAsync(search, string.IsNullOrWhiteSpace(account) ? null : account.Trim(), before, Paging.Clamp(limit), ct);
        return TypedResults.Ok(page.ToView(ContactView.From));
    }

    private static async Task<Results<Ok<ContactView>, ProblemHttpResult>> FindAsync(long id, ContactDirectory contacts, CancellationToken ct) =>
        await contacts.FindAsync(id, ct) is { } contact ? TypedResults.Ok(ContactView.From(contact)) : ApiProblems.NotFound($"No contact {id}.");
}
