using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Accounts;
using Parley.Core.Bots;
using Parley.Core.Bots.Rules;
using Parley.Core.Contacts;
using Parley.Core.Inbound;
using Parley.Core.Messaging;

namespace Parley.Api;

/// <summary><c>POST /api/v1/bots/dry-run</c>: runs a text through an account's bot and returns the replies, sending nothing.</summary>
public static class BotsApi
{
    public static RouteGroupBuilder MapBotsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/bots", "Bots");
        group.MapPost("/dry-run", DryRunAsync)
            .RequireScope(Parley.Core.ApiKeys.ApiScopes.MessagesSend)
            .WithName("DryRunBot")
            .WithSummary("Run a message through an account's bot without sending")
            .WithDescription(
                "The account's bot handles `text` as if `phone` had written it and the replies come back in the answer: nothing is stored or sent, " +
                "no interaction is logged and no rate limit is counted. It runs as a new conversation (no session). The bot may still call its " +
                "data sources and the AI provider.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(
                new DryRunRequest { Account = "ministry", Phone = "+15550001111", Text = "quiero información de donativos" },
                new DryRunResult("ministry", "ministry", [MessageContent.FromText("Hola, con gusto te comparto los datos para donativos…")])
                {
                    Texts = ["Hola, con gusto te comparto los datos para donativos…"],
                });
        return group;
    }

    private static async Task<Results<Ok<DryRunResult>, ValidationProblem, ProblemHttpResult>> DryRunAsync(
        DryRunRequest request, AccountRegistry accounts, BotCatalog bots, BotRules rules, ContactDirectory contacts, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Account))
        {
            return ApiProblems.Validation("account", "'account' is required.");
        }

        if (!PhoneNumber.TryParse(request.Phone, null, out var phone))
        {
            return ApiProblems.Validation("phone", "'phone' must be a phone number in international form, like +15550001111.");
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return ApiProblems.Validation("text", "'text' is required.");
        }

        var account = await accounts.FindAsync(request.Account.Trim(), ct);
        if (account is null)
        {
            return ApiProblems.NotFound($"No account '{request.Account}'.");
        }

        IBot bot;
        try
        {
            bot = bots.For(account);
        }
        catch (InvalidOperationException ex)
        {
            return ApiProblems.Validation("account", ex.Message);
        }

        var known = await contacts.FindAsync(account.Id, ContactKey.For(phone), ct);
        var contact = new ContactInfo(known?.Id ?? 0, ContactKey.For(phone))
        {
            Phone = phone.ToE164(),
            Name = known?.Name ?? request.Name,
            OptedOut = known?.OptedOut ?? false,
            Blocked = known?.Blocked ?? false,
            Allowed = known?.Allowed ?? false,
        };
        var now = time.GetUtcNow();
        var message = new StoredMessage(0, StoredMessage.Inbound, MessageContent.FromText(request.Text), now)
        {
            AccountId = account.Id,
            ContactId = contact.Id,
            Status = MessageStatus.Received,
            StatusAt = now,
        };
        // Through the same rules as a real message: a blocked contact's dry run is silent too.
        var result = await rules.HandleAsync(
            bot, new BotRequest(account, contact, new ConversationInfo(0, account.Id, contact.Id), message) { DryRun = true }, ct);
        return TypedResults.Ok(new DryRunResult(account.Id, bot.Name, result.Replies)
        {
            Texts = result.Replies.Select(r => r.Summary()).ToList(),
            ConversationState = result.ConversationState,
            OptedOut = result.OptedOut,
        });
    }
}
