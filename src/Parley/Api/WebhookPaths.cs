using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Parley.Api;

/// <summary>
/// The providers' webhook routes in the API document. Their handlers read the raw body (the signature is computed over
/// its bytes), so the generator cannot see what they take; these describe it from the providers' documentation
/// (shared/wire/). They need no API key: each checks its provider's signature or secret.
/// </summary>
public static class WebhookPaths
{
    public static void AddTo(OpenApiDocument document)
    {
        document.Paths ??= [];
        document.Paths["/webhooks/meta/{accountId}"] = new OpenApiPathItem
        {
            Parameters = [AccountId()],
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = Operation("VerifyMetaWebhook", "Meta's subscription check",
                    "Meta calls this when the webhook is configured: with `hub.mode=subscribe` and the account's `VerifyToken` as " +
                    "`hub.verify_token`, the answer is `hub.challenge` as plain text; otherwise 403.",
                    parameters:
                    [
                        Query("hub.mode", "`subscribe`."),
                        Query("hub.verify_token", "The account's VerifyToken."),
                        Query("hub.challenge", "Echoed back."),
                    ],
                    responses: new()
                    {
                        ["200"] = Text("The challenge, as sent.", "1158201444"),
                        ["403"] = Empty("Not `subscribe`, or the verify token does not match."),
                        ["404"] = Empty("No enabled Meta account with this id."),
                    }),
                [HttpMethod.Post] = Operation("ReceiveMetaWebhook", "Meta delivers messages, statuses and account updates",
                    "A WhatsApp Business Account notification (`object: whatsapp_business_account`) signed with `X-Hub-Signature-256` " +
                    "(HMAC-SHA256 of the raw body with the app secret). Messages and statuses are stored before the 200; account alerts, " +
                    "quality and messaging-limit updates are recorded and published as `account.alert`.",
                    headers: [Header("X-Hub-Signature-256", "`sha256=` and the hex HMAC-SHA256 of the body with the app secret.")],
                    body: Json(new JsonObject
                    {
                        ["object"] = "whatsapp_business_account",
                        ["entry"] = new JsonArray(new JsonObject
                        {
                            ["id"] = "102290129340398",
                            ["changes"] = new JsonArray(new JsonObject
                            {
                                ["field"] = "messages",
                                ["value"] = new JsonObject
                                {
                                    ["messaging_product"] = "whatsapp",
                                    ["metadata"] = new JsonObject { ["display_phone_number"] = "15550783881", ["phone_number_id"] = "106540352242922" },
                                    ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Sheena Nelson" }, ["wa_id"] = "16505551234" }),
                                    ["messages"] = new JsonArray(new JsonObject
                                    {
                                        ["from"] = "16505551234", ["id"] = "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                                        ["timestamp"] = "1749416383", ["type"] = "text", ["text"] = new JsonObject { ["body"] = "Does it come in another color?" },
                                    }),
                                },
                            }),
                        }),
                    }),
                    responses: Delivery("Stored (or a repeat of a stored delivery).", "The signature is missing or wrong.")),
            },
        };
        document.Paths["/webhooks/twilio/{accountId}"] = new OpenApiPathItem
        {
            Parameters = [AccountId()],
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = Operation("ReceiveTwilioWebhook", "Twilio delivers messages and status callbacks",
                    "Twilio's form post for an incoming WhatsApp message or a status callback, signed with `X-Twilio-Signature` " +
                    "(HMAC-SHA1 over `PublicBaseUrl` + path + query and the sorted form fields, with the auth token). The answer is empty TwiML.",
                    headers: [Header("X-Twilio-Signature", "Base64 HMAC-SHA1 of the URL and the form fields with the account's auth token.")],
                    body: new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/x-www-form-urlencoded"] = new()
                            {
                                Schema = new OpenApiSchema
                                {
                                    Type = JsonSchemaType.Object,
                                    Required = new HashSet<string> { "AccountSid", "MessageSid" },
                                    Properties = new Dictionary<string, IOpenApiSchema>
                                    {
                                        ["AccountSid"] = Str("The Twilio account."),
                                        ["MessageSid"] = Str("The message's SID."),
                                        ["From"] = Str("`whatsapp:+E164` of the sender (inbound) or the business (status)."),
                                        ["To"] = Str("`whatsapp:+E164`."),
                                        ["WaId"] = Str("The sender's WhatsApp id (digits)."),
                                        ["ProfileName"] = Str("The sender's profile name."),
                                        ["Body"] = Str("The text."),
                                        ["NumMedia"] = Str("How many `MediaUrl{n}` follow."),
                                        ["MessageStatus"] = Str("Status callbacks: queued, sent, delivered, read, failed, undelivered."),
                                        ["ErrorCode"] = Str("Status callbacks: Twilio's error code."),
                                    },
                                },
                                Example = new JsonObject
                                {
                                    ["AccountSid"] = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", ["MessageSid"] = "SM1e8b4a5e0c2c4b5f9d9c3f1a2b3c4d5e",
                                    ["From"] = "whatsapp:+15550001111", ["To"] = "whatsapp:+14155238886", ["WaId"] = "15550001111",
                                    ["ProfileName"] = "Ana", ["Body"] = "hola", ["NumMedia"] = "0",
                                },
                            },
                        },
                    },
                    responses: new()
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "Stored; empty TwiML (Parley replies through Twilio's API).",
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["text/xml"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = "<Response></Response>" },
                            },
                        },
                        ["403"] = Empty("The signature is missing or wrong."),
                        ["404"] = Empty("No enabled Twilio account with this id."),
                        ["413"] = Empty("The body is over 3 MiB."),
                        ["503"] = Empty("The database is unreachable; Twilio retries."),
                    }),
            },
        };
        document.Paths["/webhooks/acs/{accountId}"] = new OpenApiPathItem
        {
            Parameters = [AccountId(), Query("code", "The account's WebhookSecret.", required: true)],
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = Operation("ReceiveAcsWebhook", "ACS (Event Grid) delivers messages and delivery reports",
                    "Event Grid events (an array) or CloudEvents (`application/cloudevents+json`, `application/cloudevents-batch+json`) of types " +
                    "`Microsoft.Communication.AdvancedMessageReceived` and `…AdvancedMessageDeliveryStatusUpdated`; a " +
                    "`Microsoft.EventGrid.SubscriptionValidationEvent` is answered with its validation code.",
                    body: Json(new JsonArray(new JsonObject
                    {
                        ["id"] = "7f3b0f0e-2a56-4a7c-9a1f-4c2f0a7b9d11",
                        ["topic"] = "/subscriptions/…/providers/Microsoft.Communication/communicationServices/contoso",
                        ["subject"] = "advancedMessage/sender/15550001111/recipient/2f9c…",
                        ["eventType"] = "Microsoft.Communication.AdvancedMessageReceived",
                        ["eventTime"] = "2026-01-05T10:00:00Z",
                        ["dataVersion"] = "1.0",
                        ["data"] = new JsonObject
                        {
                            ["content"] = "hola", ["channelType"] = "whatsapp", ["messageType"] = "text", ["from"] = "15550001111",
                            ["to"] = "2f9c1c9b-1a5e-4a55-9a3d-6f3e4b1c2d3e", ["receivedTimestamp"] = "2026-01-05T10:00:00+00:00",
                        },
                    }), "application/json", "application/cloudevents+json", "application/cloudevents-batch+json"),
                    responses: Delivery("Stored, or the validation handshake's answer.", "`code` is not the account's WebhookSecret.")),
                [HttpMethod.Options] = Operation("AcsWebhookHandshake", "CloudEvents webhook validation",
                    "The CloudEvents abuse-protection handshake: `WebHook-Request-Origin` is echoed in `WebHook-Allowed-Origin`.",
                    headers: [Header("WebHook-Request-Origin", "The sender's origin, e.g. eventgrid.azure.net.")],
                    responses: new()
                    {
                        ["200"] = Empty("Allowed; the origin is echoed in WebHook-Allowed-Origin."),
                        ["401"] = Empty("`code` is not the account's WebhookSecret."),
                        ["404"] = Empty("No enabled ACS account with this id."),
                    }),
            },
        };
    }

    private static OpenApiOperation Operation(
        string id, string summary, string description, List<IOpenApiParameter>? parameters = null, List<IOpenApiParameter>? headers = null,
        OpenApiRequestBody? body = null, OpenApiResponses? responses = null) => new()
    {
        OperationId = id,
        Summary = summary,
        Description = description,
        Tags = new HashSet<OpenApiTagReference> { new("Webhooks") },
        Parameters = [.. parameters ?? [], .. headers ?? []],
        RequestBody = body,
        Responses = responses,
        Security = [new OpenApiSecurityRequirement()],
    };

    private static OpenApiResponses Delivery(string ok, string unauthorized) => new()
    {
        ["200"] = Empty(ok),
        ["401"] = Empty(unauthorized),
        ["404"] = Empty("No enabled account of this provider with this id."),
        ["413"] = Empty("The body is over 3 MiB."),
        ["503"] = Empty("The database is unreachable: nothing was stored; the provider delivers again."),
    };

    private static OpenApiParameter AccountId() => new()
    {
        Name = "accountId",
        In = ParameterLocation.Path,
        Required = true,
        Description = "The Parley account (`Parley:Accounts:{n}:Id`).",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiParameter Query(string name, string description, bool required = false) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiSchema Str(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiRequestBody Json(JsonNode example, params string[] mediaTypes) => new()
    {
        Required = true,
        Content = (mediaTypes.Length == 0 ? ["application/json"] : mediaTypes).ToDictionary(
            m => m,
            m => new OpenApiMediaType
            {
                Schema = m == "application/cloudevents+json" || example is not JsonArray
                    ? new OpenApiSchema { Type = JsonSchemaType.Object }
                    : new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.Object } },
                Example = m == "application/json" ? example.DeepClone() : null,
            }),
    };

    private static OpenApiResponse Empty(string description) => new() { Description = description };

    private static OpenApiResponse Text(string description, string example) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String }, Example = example },
        },
    };
}
