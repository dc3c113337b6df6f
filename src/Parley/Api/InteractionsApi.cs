using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core.Interactions;
using Parley.Core.Storage;

namespace Parley.Api;

/// <summary><c>GET /api/v1/interactions</c>: the bots' interaction log (Core's <see cref="IInteractionLogReader"/>; the bots module keeps it).</summary>
public static class InteractionsApi
{
    public static RouteGroupBuilder MapInteractionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/interactions", "Bots");
        group.MapGet("/", ListAsync)
            .Read()
            .WithName("ListInteractions")
            .WithSummary("The bots' interaction log, newest first")
            .WithDescription(
                "One record per inbound message a bot handled: the intent it recognised, the template it used, the reply, the processing time, " +
                "and whether it succeeded (with the error when not). Filter by `phone` (any spelling of the number), `account`, `intent`, " +
                "`template`, `success` and the period `from`–`to` (ISO 8601). Paged with `cursor`; `limit` 1–200 (default 50). " +
                "Answers 404 when this build has no bot engine.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: new PageView<InteractionView>([InteractionView.Example], null));
        return group;
    }

    private static async Task<Results<Ok<PageView<InteractionView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string? phone, string? account, string? intent, string? template, bool? success, DateTimeOffset? from, DateTimeOffset? to,
        string? cursor, int? limit, IServiceProvider services, CancellationToken ct)
    {
        if (!ApiCursor.TryDecode(cursor, out var before))
        {
            return ApiProblems.Validation("cursor", ApiProblems.InvalidCursor);
        }

        if (limit is < 1 or > Paging.MaxLimit)
        {
            return ApiProblems.Validation("limit", $"'limit' must be between 1 and {Paging.MaxLimit}.");
        }

        if (from is not null && to is not null && from >= to)
        {
            return ApiProblems.Validation("from", "'from' must be before 'to'.");
        }

        string? contact = null;
        if (!string.IsNullOrWhiteSpace(phone))
        {
            if (!Parley.Core.Contacts.PhoneNumber.TryParse(phone, null, out var number))
            {
                return ApiProblems.Validation("phone", "'phone' must be a phone number in international form, like +15550001111.");
            }

            contact = number.WaId;
        }

        if (services.GetService<IInteractionLogReader>() is not { } reader)
        {
            return ApiProblems.NotFound("This build has no bot engine, so there is no interaction log.");
        }

        var page = await reader.ListAsync(new InteractionFilter
        {
            AccountId = Blank(account),
            Contact = contact,
            Intent = Blank(intent),
            Template = Blank(template),
            Success = success,
            From = from,
            To = to,
            BeforeId = before,
            Limit = Paging.Clamp(limit),
        }, ct);
        return TypedResults.Ok(page.ToView(InteractionView.From));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
