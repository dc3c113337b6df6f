using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Parley.Core;
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
        CancellationToken ct)
    {
        var (command, errors) = SendMessageMapper.ToCommand(request, idempotencyHeader);
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

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

/// <summary>What to send. Set <c>type</c> and the part it needs: <c>text</c>, <c>media</c>, <c>template</c>, <c>interactive</c>, <c>location</c> or <c>reaction</c>.</summary>
public sealed record SendMessageRequest
{
    /// <summary>The account (business number) to send from.</summary>
    public string? Account { get; init; }
    /// <summary>The recipient's phone number in international form, like +15550001111.</summary>
    public string? To { get; init; }
    /// <summary>text, image, audio, video, document, sticker, template, interactive, location or reaction. Inferred when only one part is given.</summary>
    public string? Type { get; init; }
    /// <summary>The text; the caption of media; the body of an interactive message.</summary>
    public string? Text { get; init; }
    public bool? PreviewUrl { get; init; }
    public SendMedia? Media { get; init; }
    public SendTemplate? Template { get; init; }
    public SendInteractive? Interactive { get; init; }
    public SendLocation? Location { get; init; }
    public SendReaction? Reaction { get; init; }
    /// <summary>Parley's id of the message this one answers (shown quoted).</summary>
    public string? ReplyTo { get; init; }
    /// <summary>Sending twice with the same key queues one message.</summary>
    public string? IdempotencyKey { get; init; }
}

public sealed record SendMedia
{
    /// <summary>A public https URL the provider fetches.</summary>
    public string? Url { get; init; }
    /// <summary>Or a media id the provider already has.</summary>
    public string? Id { get; init; }
    /// <summary>Or the id of a file uploaded with <c>POST /api/v1/media</c> (Parley uploads it to the provider).</summary>
    public string? StoredId { get; init; }
    public string? MimeType { get; init; }
    /// <summary>Shown for documents.</summary>
    public string? FileName { get; init; }
}

public sealed record SendTemplate
{
    public string? Name { get; init; }
    /// <summary>Language code as approved, like es or en_US.</summary>
    public string? Language { get; init; }
    /// <summary>Body values for {{1}}, {{2}}, ... in order.</summary>
    public IReadOnlyList<string>? Parameters { get; init; }
    /// <summary>Body values for named placeholders ({{first_name}}).</summary>
    public IReadOnlyDictionary<string, string>? NamedParameters { get; init; }
    public IReadOnlyList<string>? HeaderParameters { get; init; }
    /// <summary>Media for a template with an image, video or document header.</summary>
    public SendMedia? HeaderMedia { get; init; }
    public IReadOnlyList<TemplateButtonParameter>? Buttons { get; init; }
}

public sealed record SendInteractive
{
    /// <summary>button (up to 3 reply buttons) or list.</summary>
    public string? Kind { get; init; }
    public string? Header { get; init; }
    public string? Footer { get; init; }
    public IReadOnlyList<ReplyButton>? Buttons { get; init; }
    /// <summary>Label of the button that opens the list.</summary>
    public string? ListButton { get; init; }
    public IReadOnlyList<ListSection>? Sections { get; init; }
}

public sealed record SendLocation(double Latitude, double Longitude)
{
    public string? Name { get; init; }
    public string? Address { get; init; }
}

public sealed record SendReaction
{
    /// <summary>Parley's id (or the provider's id) of the message to react to.</summary>
    public string? MessageId { get; init; }
    /// <summary>One emoji; empty removes the reaction.</summary>
    public string? Emoji { get; init; }
}

public sealed record SendAccepted(string Id, string Status, bool Created);

public sealed record StatusView(string Status, DateTimeOffset At)
{
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
}

/// <summary>A stored message. <c>text</c> is a readable summary; <c>content</c> holds every part.</summary>
public sealed record MessageView(string Id, string AccountId, string ConversationId, string ContactId, string Direction, string Type, string Status, DateTimeOffset CreatedAt)
{
    public string? Text { get; init; }
    public MessageContent? Content { get; init; }
    public DateTimeOffset StatusAt { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
    public string? ProviderMessageId { get; init; }
    public string? InReplyTo { get; init; }
    /// <summary>Who created it: bot, api, cli, admin (outbound), or null (inbound).</summary>
    public string? Source { get; init; }
    /// <summary>Where to download the message's media: <c>/api/v1/media/{id}</c> when Parley stored it, else the URL it was sent from.</summary>
    public string? MediaUrl { get; init; }
    public IReadOnlyList<StatusView>? StatusHistory { get; init; }

    internal static readonly MessageView Example = new("42", "sandbox", "7", "3", "outbound", "text", "delivered", DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture))
    {
        Text = "Your order has shipped.",
        Content = MessageContent.FromText("Your order has shipped."),
        StatusAt = DateTimeOffset.Parse("2026-01-05T10:00:03Z", System.Globalization.CultureInfo.InvariantCulture),
        ProviderMessageId = "wamid.HBgLMTU1NTAwMDExMTEVAgARGBI",
        Source = "api",
    };

    public static MessageView From(StoredMessage m) =>
        new(ApiProblems.Id(m.Id), m.AccountId, ApiProblems.Id(m.ConversationId), ApiProblems.Id(m.ContactId), m.Direction, m.Content.Type, m.Status.ToWire(), m.CreatedAt)
        {
            Text = m.Content.Summary(),
            Content = m.Content,
            StatusAt = m.StatusAt,
            ErrorCode = m.ErrorCode,
            ErrorReason = m.ErrorReason,
            ProviderMessageId = m.ProviderMessageId,
            InReplyTo = m.InReplyTo is { } r ? ApiProblems.Id(r) : null,
            Source = m.Source,
            MediaUrl = MediaUrlOf(m.Content),
        };

    private static string? MediaUrlOf(MessageContent c) =>
        c.Media is not { } media ? null
        : media.StoredId is { Length: > 0 } stored ? MediaApi.UrlFor(stored)
        : media.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp) ? url
        : null;
}

/// <summary>Turns the API's send request into the core's send command, naming each field that is wrong.</summary>
internal static class SendMessageMapper
{
    /// <summary>The types the send API takes.</summary>
    public static readonly IReadOnlyList<string> SendableTypes =
    [
        MessageTypes.Text, MessageTypes.Image, MessageTypes.Audio, MessageTypes.Video, MessageTypes.Document, MessageTypes.Sticker,
        MessageTypes.Template, MessageTypes.Interactive, MessageTypes.Location, MessageTypes.Reaction,
    ];

    public static (SendCommand? Command, List<FieldError> Errors) ToCommand(SendMessageRequest r, string? idempotencyHeader)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(r.Account))
        {
            errors.Add(new("account", "'account' is required: the id of the account to send from."));
        }

        if (string.IsNullOrWhiteSpace(r.To))
        {
            errors.Add(new("to", "'to' is required: a phone number in international form, like +15550001111."));
        }

        var type = r.Type?.Trim().ToLowerInvariant() ?? Infer(r);
        if (type is null)
        {
            errors.Add(new("type", $"'type' is required: one of {string.Join(", ", SendableTypes)}."));
        }
        else if (!SendableTypes.Contains(type))
        {
            errors.Add(new("type", $"'type' must be one of {string.Join(", ", SendableTypes)}."));
        }

        long? replyTo = null;
        if (r.ReplyTo is { Length: > 0 } reply)
        {
            if (long.TryParse(reply, out var id))
            {
                replyTo = id;
            }
            else
            {
                errors.Add(new("replyTo", "'replyTo' must be the id of a Parley message."));
            }
        }

        var key = r.IdempotencyKey ?? idempotencyHeader;
        if (key is { Length: > 200 })
        {
            errors.Add(new("idempotencyKey", "'idempotencyKey' may be at most 200 characters."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var content = new MessageContent
        {
            Type = type!,
            Text = string.IsNullOrEmpty(r.Text) ? null : r.Text,
            PreviewUrl = r.PreviewUrl ?? false,
            Media = ToMedia(r.Media),
            Location = r.Location is { } l ? new LocationInfo(l.Latitude, l.Longitude) { Name = l.Name, Address = l.Address } : null,
            Reaction = r.Reaction is { } re ? new ReactionInfo(re.MessageId ?? "", re.Emoji) : null,
            Interactive = r.Interactive is { } i
                ? new InteractiveContent
                {
                    Kind = i.Kind?.Trim().ToLowerInvariant() ?? (i.Sections is { Count: > 0 } ? InteractiveContent.ListKind : InteractiveContent.ButtonKind),
                    Header = i.Header,
                    Footer = i.Footer,
                    Buttons = i.Buttons,
                    ListButton = i.ListButton,
                    Sections = i.Sections,
                }
                : null,
            Template = r.Template is { } t
                ? new TemplateContent(t.Name?.Trim() ?? "", t.Language?.Trim() ?? "")
                {
                    BodyParameters = t.Parameters,
                    HeaderParameters = t.HeaderParameters,
                    HeaderMedia = ToMedia(t.HeaderMedia),
                    Buttons = t.Buttons,
                }
                : null,
        };
        return (new SendCommand(r.Account!.Trim(), r.To!.Trim(), content)
        {
            IdempotencyKey = key,
            ReplyToMessageId = replyTo,
            NamedTemplateParameters = r.Template?.NamedParameters,
            Source = "api",
        }, errors);
    }

    private static MediaInfo? ToMedia(SendMedia? m) =>
        m is null ? null : new MediaInfo { Url = m.Url, Id = m.Id, StoredId = m.StoredId, MimeType = m.MimeType, FileName = m.FileName };

    private static string? Infer(SendMessageRequest r)
    {
        var parts = new List<string>();
        if (r.Template is not null)
        {
            parts.Add(MessageTypes.Template);
        }

        if (r.Interactive is not null)
        {
            parts.Add(MessageTypes.Interactive);
        }

        if (r.Location is not null)
        {
            parts.Add(MessageTypes.Location);
        }

        if (r.Reaction is not null)
        {
            parts.Add(MessageTypes.Reaction);
        }

        if (r.Media is not null)
        {
            return null; // image, video, document...: the type must be said
        }

        return parts.Count switch
        {
            1 => parts[0],
            0 when !string.IsNullOrEmpty(r.Text) => MessageTypes.Text,
            _ => null,
        };
    }
}
