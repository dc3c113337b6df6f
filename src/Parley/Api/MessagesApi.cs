using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Core.ApiKeys;
using Parley.Core.Media;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Sending;

namespace Parley.Api;

/// <summary><c>POST /api/v1/messages</c> (send) and <c>GET /api/v1/messages/{id}</c> (one message with its status history).</summary>
public static class MessagesApi
{
    public static RouteGroupBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/messages", "Messages");
        group.MapPost("/", SendAsync)
            .RequireScope(ApiScopes.MessagesSend)
            .WithName("SendMessage")
            .WithSummary("Send a message")
            .WithDescription(
                "Queues a text, media, template, interactive, location or reaction message and answers 202 with its id; the outbound queue sends it. " +
                "Free-form messages (anything but a template) need the contact to have written within 24 hours (WhatsApp's rule): otherwise 422 with code `template_required`. " +
                "The same `idempotencyKey` (or `Idempotency-Key` header) twice queues one message.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithExamples(
                new SendMessageRequest { Account = "sandbox", To = "+15550001111", Type = "text", Text = "Your order has shipped.", IdempotencyKey = "order-1234-shipped" },
                new SendAccepted("42", "queued", true), StatusCodes.Status202Accepted);
        group.MapGet("/{id:long}", FindAsync)
            .Read()
            .WithName("GetMessage")
            .WithSummary("One message with its status history")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: MessageView.Example with { StatusHistory = [new StatusView("sent", DateTimeOffset.Parse("2026-01-05T10:00:01Z", System.Globalization.CultureInfo.InvariantCulture)), new StatusView("delivered", DateTimeOffset.Parse("2026-01-05T10:00:03Z", System.Globalization.CultureInfo.InvariantCulture))] });
        return group;
    }

    private static async Task<Results<Accepted<SendAccepted>, ValidationProblem, ProblemHttpResult>> SendAsync(
        SendMessageRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyHeader,
        OutboundSender sender,
        IMediaStore mediaStore,
        Parley.Core.Accounts.AccountRegistry accounts,
        CancellationToken ct)
    {
        var (command, errors) = SendMessageMapper.ToCommand(request, idempotencyHeader);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        // A number written without its country code is read in the account's DefaultCountryCode, when it has one.
        command = command! with { To = Parley.Core.Accounts.AccountNumbers.Normalize(await accounts.FindAsync(command.AccountId, ct), command.To) };

        // An uploaded file is checked now (not when the queue sends it) and lends its type and name to the message.
        var content = command!.Content;
        if (content.Media is { StoredId: { Length: > 0 } } media)
        {
            if (await DescribeStoredAsync(mediaStore, media, ct) is not { } described)
            {
                return ApiProblems.Validation("media.storedId", $"No uploaded file '{media.StoredId}': upload it with POST /api/v1/media first.");
            }

            command = command with { Content = content with { Media = described } };
        }

        if (content.Template?.HeaderMedia is { StoredId: { Length: > 0 } } header)
        {
            if (await DescribeStoredAsync(mediaStore, header, ct) is not { } described)
            {
                return ApiProblems.Validation("template.headerMedia.storedId", $"No uploaded file '{header.StoredId}'.");
            }

            command = command with { Content = command.Content with { Template = command.Content.Template! with { HeaderMedia = described } } };
        }

        return await sender.SendAsync(command, ct) switch
        {
            SendOutcome.Accepted a => TypedResults.Accepted($"{ApiExtensions.Prefix}/messages/{a.MessageId}", new SendAccepted(ApiProblems.Id(a.MessageId), a.Status.ToWire(), a.Created)),
            SendOutcome.Invalid i => ApiProblems.Validation(i.Errors),
            SendOutcome.Refused r => ApiProblems.Unprocessable(r.Title, r.Detail, r.Code),
            _ => throw new InvalidOperationException("Unknown send outcome."),
        };
    }

    private static async Task<MediaInfo?> DescribeStoredAsync(IMediaStore store, MediaInfo media, CancellationToken ct)
    {
        if (await store.OpenAsync(media.StoredId!, ct) is not { } found)
        {
            return null;
        }

        await found.Content.DisposeAsync();
        return media with
        {
            MimeType = media.MimeType ?? found.Media.MimeType,
            FileName = media.FileName ?? found.Media.FileName,
            Size = media.Size ?? found.Media.Size,
        };
    }

    private static async Task<Results<Ok<MessageView>, ProblemHttpResult>> FindAsync(long id, MessageQueries messages, CancellationToken ct)
    {
        var message = await messages.FindAsync(id, ct);
        if (message is null)
        {
            return ApiProblems.NotFound($"No message {id}.");
        }

        var history = await messages.StatusHistoryAsync(id, ct);
        return TypedResults.Ok(MessageView.From(message) with
        {
            StatusHistory = history.Select(h => new StatusView(h.Status.ToWire(), h.At) { ErrorCode = h.ErrorCode, ErrorReason = h.ErrorReason }).ToList(),
        });
    }
}
