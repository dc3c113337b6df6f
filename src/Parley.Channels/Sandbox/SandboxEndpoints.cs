using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Channels.Media;
using Parley.Core.Accounts;
using Parley.Core.Contacts;
using Parley.Core.Conversations;
using Parley.Core.Inbound;
using Parley.Core.Media;
using Parley.Core.Messaging;

namespace Parley.Channels.Sandbox;

/// <summary>
/// The sandbox's HTTP surface: a person (the chat page or the terminal chat) plays a WhatsApp contact.
/// Messages go through the same intake, queues and bots as a real provider's webhooks.
/// </summary>
public static class SandboxEndpoints
{
    /// <summary>
    /// The sandbox API behind its gate (off: 404; access needed: 401, see <see cref="SandboxAccess"/>) and per-client
    /// rate limits (<see cref="SandboxRateLimits"/>). Field caps are in <see cref="SandboxLimits"/>.
    /// </summary>
    public static RouteGroupBuilder MapSandboxApi(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value;
        var root = app.MapGroup("/api/v1/sandbox").WithTags("Sandbox");

        // Entering the access token once gives the browser a pass (a cookie); no pass is needed to ask for one.
        var access = root.MapGroup("/access").AddEndpointFilter(new SandboxGate(checkAccess: false));
        access.MapGet("", AccessStateAsync).RequireRateLimiting(SandboxRateLimits.Read)
            .WithName("GetSandboxAccess")
            .WithSummary("Whether this client may use the sandbox, or needs its access token");
        access.MapPost("", EnterTokenAsync).RequireRateLimiting(SandboxRateLimits.Write).DisableAntiforgery()
            .WithName("EnterSandboxAccessToken")
            .WithSummary("Enter the sandbox's access token: a pass (cookie) for this browser");
        access.MapDelete("", LeaveAsync).RequireRateLimiting(SandboxRateLimits.Write)
            .WithName("LeaveSandbox")
            .WithSummary("Give the sandbox pass back");

        var group = root.MapGroup("").AddEndpointFilter(new SandboxGate(checkAccess: true));
        group.MapGet("/accounts", ListAccountsAsync).RequireRateLimiting(SandboxRateLimits.Read)
            .WithName("ListSandboxAccounts")
            .WithSummary("The sandbox accounts and their bots")
            .WithDescription("Enabled sandbox accounts, the default one first, each with its bot. No API key: the sandbox serves the chat page.");
        group.MapPost("/{accountId}/messages", ReceiveAsync)
            .Accepts<SandboxInbound>("application/json", "multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(options.MaxUploadBytes + SandboxLimits.MaxFormFieldsBytes))
            .RequireRateLimiting(SandboxRateLimits.Write)
            .DisableAntiforgery()
            .WithName("SendSandboxMessage")
            .WithSummary("Write to a sandbox account as a WhatsApp contact")
            .WithDescription("JSON `{\"from\", \"name\", \"text\"}` (or `interactive` for a button or list choice), or multipart with a `file`. Goes through the same pipeline as a provider's webhook.");
        group.MapGet("/{accountId}/messages", ThreadAsync).RequireRateLimiting(SandboxRateLimits.Read)
            .WithName("GetSandboxThread")
            .WithSummary("A sandbox contact's thread, oldest first")
            .WithDescription("`contact` is the phone number; each message with its direction, type, text, status and any buttons, list, media or template.");
        group.MapGet("/{accountId}/contacts", ContactsAsync).RequireRateLimiting(SandboxRateLimits.Read)
            .WithName("ListSandboxContacts")
            .WithSummary("The contacts who wrote to a sandbox account")
            .WithDescription("Newest conversation first, with the last message.");
        group.MapGet("/{accountId}/media/{mediaId}", MediaAsync)
            .RequireRateLimiting(SandboxRateLimits.Read)
            // Served as its own type when a browser shows it safely, else as a download (StoredMediaResult); the API document lists them.
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream")
            .Produces(StatusCodes.Status404NotFound)
            .WithName("GetSandboxMedia")
            .WithSummary("A file of one of the sandbox account's messages")
            .WithDescription("Only files of that sandbox account's own messages are served.");
        return group;
    }

    private static async Task<Ok<SandboxAccessView>> AccessStateAsync(HttpContext context, SandboxAccess access) =>
        TypedResults.Ok(new SandboxAccessView(access.Required(context), !access.Required(context) || await access.GrantedAsync(context), SandboxGate.OperatorPassPath));

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> EnterTokenAsync(HttpContext context, SandboxAccess access, ILoggerFactory logs)
    {
        SandboxTokenEntry? entry;
        try
        {
            entry = await context.Request.ReadFromJsonAsync<SandboxTokenEntry>(ParleyJson.Options, context.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = ["Send JSON: {\"token\": \"...\"}."] });
        }

        if (!access.TokenMatches(entry?.Token))
        {
            logs.CreateLogger(typeof(SandboxEndpoints)).LogWarning("Wrong sandbox access token from {RemoteAddress}", context.Connection.RemoteIpAddress);
            return TypedResults.Problem("That is not this sandbox's access token.", statusCode: StatusCodes.Status401Unauthorized, title: "Wrong access token");
        }

        access.GiveTokenPass(context);
        return TypedResults.NoContent();
    }

    private static NoContent LeaveAsync(HttpContext context)
    {
        SandboxAccess.TakePass(context);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<SandboxAccountView>>> ListAccountsAsync(AccountRegistry accounts, BotCatalog bots, CancellationToken ct)
    {
        // The default account first: the chat page opens on the first one.
        var list = (await accounts.ListAsync(ct))
            .Where(a => a.Enabled && a.Provider == Providers.Sandbox)
            .OrderBy(a => string.Equals(a.Id, SandboxAccounts.DefaultAccountId, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a =>
            {
                var bot = a.Bot ?? bots.DefaultBot;
                var description = bots.All.FirstOrDefault(b => string.Equals(b.Name, bot, StringComparison.OrdinalIgnoreCase))?.Description;
                return new SandboxAccountView(a.Id, bot, description, a.DisplayName);
            })
            .ToList();
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Accepted<SandboxAccepted>, ValidationProblem, NotFound, ProblemHttpResult>> ReceiveAsync(
        string accountId,
        HttpRequest request,
        AccountRegistry accounts,
        IntakeStore intake,
        IMediaStore media,
        IOptions<SandboxOptions> options,
        TimeProvider time,
        CancellationToken ct)
    {
        if (await accounts.FindEnabledAsync(accountId, Providers.Sandbox, ct) is null)
        {
            return TypedResults.NotFound();
        }

        SandboxInbound body;
        MediaInfo? file = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            body = new SandboxInbound { From = form["from"], Name = form["name"], Text = form["text"], Id = form["id"] };
            var fieldErrors = new Dictionary<string, string[]>();
            SandboxLimits.Check(body, fieldErrors);
            if (fieldErrors.Count > 0)
            {
                return TypedResults.ValidationProblem(fieldErrors);
            }

            if (form.Files.GetFile("file") is { } upload)
            {
                try
                {
                    await using var stream = upload.OpenReadStream();
                    var stored = await media.SaveAsync(stream, upload.ContentType, upload.FileName, options.Value.MaxUploadBytes, ct);
                    file = new MediaInfo
                    {
                        StoredId = stored.Id,
                        Sha256 = stored.Id,
                        MimeType = stored.MimeType,
                        FileName = stored.FileName,
                        Size = stored.Size,
                        Voice = stored.MimeType?.StartsWith("audio/ogg", StringComparison.OrdinalIgnoreCase) == true,
                    };
                }
                catch (MediaTooLargeException ex)
                {
                    return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large");
                }
            }
        }
        else
        {
            // Files may be large; a JSON message may not.
            if (request.ContentLength > SandboxLimits.MaxJsonBytes)
            {
                return TypedResults.Problem($"A JSON message may be at most {SandboxLimits.MaxJsonBytes:N0} bytes; send files as multipart.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
            }

            if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = SandboxLimits.MaxJsonBytes;
            }

            try
            {
                body = await request.ReadFromJsonAsync<SandboxInbound>(ParleyJson.Options, ct)
                    ?? throw new JsonException("The body is empty.");
            }
            catch (JsonException ex)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"Malformed JSON: {ex.Message}"] });
            }
            catch (InvalidOperationException)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Send JSON (application/json) or a multipart form."] });
            }
        }

        var errors = new Dictionary<string, string[]>();
        SandboxLimits.Check(body, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!PhoneNumber.TryParse(body.From, null, out var phone))
        {
            errors["from"] = ["'from' must be a phone number in international form, like +15550001111."];
        }

        var content = ToContent(body, file, errors);
        if (errors.Count > 0 || content is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var clientId = string.IsNullOrWhiteSpace(body.Id) ? Guid.CreateVersion7().ToString("N") : body.Id.Trim();
        var providerId = $"sbx.in.{phone.WaId}.{clientId}";
        var name = string.IsNullOrWhiteSpace(body.Name) ? null : body.Name.Trim();
        var raw = JsonSerializer.Serialize(body, ParleyJson.Options);
        var result = await intake.StoreAsync(new InboundBatch(accountId, Providers.Sandbox, raw)
        {
            ContentType = request.ContentType,
            Messages =
            [
                new InboundMessage(providerId, new ContactRef(phone.WaId) { Phone = phone.ToE164(), ProfileName = name }, content, now) { Raw = raw },
            ],
        }, ct);

        var id = result.NewMessageIds.Count > 0
            ? result.NewMessageIds[0]
            : await request.HttpContext.RequestServices.GetRequiredService<MessageQueries>().FindIdByProviderIdAsync(accountId, providerId, ct) ?? 0;
        return TypedResults.Accepted((string?)null, new SandboxAccepted(id.ToString(CultureInfo.InvariantCulture)));
    }

    internal static MessageContent? ToContent(SandboxInbound body, MediaInfo? file, Dictionary<string, string[]> errors)
    {
        var text = body.Text;
        if (text is not null && text.Length > SandboxLimits.MaxTextChars)
        {
            errors["text"] = ["'text' is longer than WhatsApp's 4,096 characters."];
            return null;
        }

        if (file is not null)
        {
            var type = file.MimeType switch
            {
                { } m when m.StartsWith("image/webp", StringComparison.OrdinalIgnoreCase) => MessageTypes.Sticker,
                { } m when m.StartsWith("image/", StringComparison.OrdinalIgnoreCase) => MessageTypes.Image,
                { } m when m.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) => MessageTypes.Audio,
                { } m when m.StartsWith("video/", StringComparison.OrdinalIgnoreCase) => MessageTypes.Video,
                _ => MessageTypes.Document,
            };
            return new MessageContent { Type = type, Text = string.IsNullOrEmpty(text) ? null : text, Media = file };
        }

        if (body.Interactive is { } choice)
        {
            if (string.IsNullOrWhiteSpace(choice.Id))
            {
                errors["interactive.id"] = ["'interactive.id' is required: the id of the button or list row chosen."];
                return null;
            }

            var kind = choice.Kind is "list_reply" ? "list_reply" : "button_reply";
            return new MessageContent { Type = MessageTypes.Interactive, Reply = new InteractiveReply(choice.Id, choice.Title) { Kind = kind } };
        }

        if (body.Location is { } location)
        {
            if (location.Latitude is < -90 or > 90 || location.Longitude is < -180 or > 180)
            {
                errors["location"] = ["Latitude must be within ±90 and longitude within ±180."];
                return null;
            }

            return new MessageContent { Type = MessageTypes.Location, Location = location };
        }

        if (string.IsNullOrEmpty(text))
        {
            errors["text"] = ["Send 'text', 'interactive', 'location' or a file."];
            return null;
        }

        return MessageContent.FromText(text);
    }

    private static async Task<Results<Ok<List<SandboxMessageView>>, ValidationProblem, NotFound>> ThreadAsync(
        string accountId,
        [FromQuery] string? contact,
        [FromQuery] long? after,
        [FromQuery] int? limit,
        AccountRegistry accounts,
        ConversationQueries conversations,
        MessageQueries messages,
        SandboxDeliveries deliveries,
        CancellationToken ct)
    {
        if (await accounts.FindEnabledAsync(accountId, Providers.Sandbox, ct) is null)
        {
            return TypedResults.NotFound();
        }

        if (!PhoneNumber.TryParse(contact, null, out var phone))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contact"] = ["'contact' must be the phone number the messages came from, like +15550001111."] });
        }

        var conversationId = await conversations.FindIdAsync(accountId, phone.WaId, ct);
        if (conversationId is null)
        {
            return TypedResults.Ok(new List<SandboxMessageView>());
        }

        var thread = await messages.ThreadAsync(conversationId.Value, after ?? 0, Math.Clamp(limit ?? 500, 1, 1000), ct);
        return TypedResults.Ok(thread.Select(m => SandboxMessageView.From(deliveries.AsReceived(m), accountId)).ToList());
    }

    private static async Task<Results<Ok<List<SandboxContactView>>, NotFound>> ContactsAsync(
        string accountId, AccountRegistry accounts, ConversationQueries conversations, CancellationToken ct)
    {
        if (await accounts.FindEnabledAsync(accountId, Providers.Sandbox, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var recent = await conversations.RecentAsync(accountId, 100, ct);
        return TypedResults.Ok(recent.Select(v => new SandboxContactView(
            v.Contact.WaId, v.Contact.Phone, v.Contact.Name, v.LastMessageAt, v.LastMessagePreview)).ToList());
    }

    /// <summary>
    /// Only files of this sandbox account's own messages: the sandbox needs no credentials, so it must not become a way to
    /// read media that real contacts sent to other accounts (the admin and the API serve those, with authorization).
    /// </summary>
    private static async Task<IResult> MediaAsync(string accountId, string mediaId, AccountRegistry accounts, IMediaStore media, MessageQueries messages, CancellationToken ct)
    {
        if (await accounts.FindEnabledAsync(accountId, Providers.Sandbox, ct) is null || !await messages.AccountHasMediaAsync(accountId, mediaId, ct))
        {
            return TypedResults.NotFound();
        }

        return await media.OpenAsync(mediaId, ct) is { } found ? new StoredMediaResult(found.Media, found.Content) : TypedResults.NotFound();
    }
}
