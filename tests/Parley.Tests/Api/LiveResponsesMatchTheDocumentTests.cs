using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Parley.Tests.Api;

/// <summary>
/// Every read route of the served document is called on a live Parley with data behind it, and each answer is checked
/// against the schema the document gives for it (<see cref="OpenApiSchemaValidator"/>): what generated clients expect is
/// what they get. Regression (issue 19): the six <c>PageViewOf*</c> schemas required <c>nextCursor</c>, which the last
/// page leaves out, and media downloads were documented as octet-stream only.
/// </summary>
public sealed class LiveResponsesMatchTheDocumentTests
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task EveryReadRoute_AnswersWhatTheDocumentSays()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // The outgoing webhook's receiver listens on 127.0.0.1.
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, new Dictionary<string, string?> { ["Parley:Webhooks:AllowPrivateNetworks"] = "true" });
        using var api = await app.ApiClientAsync();
        var (ids, phone) = await SeedAsync(app, api, receiver);
        var document = JsonDocument.Parse(await app.Client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
        var validator = new OpenApiSchemaValidator(document);

        var checkedRoutes = new List<string>();
        var failures = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var get) || path.Name.StartsWith("/webhooks/", StringComparison.Ordinal))
            {
                continue; // The providers' webhook verification is not a read route of the API.
            }

            if (path.Name.StartsWith("/api/v1/auth/", StringComparison.Ordinal)
                || (get.TryGetProperty("security", out var security) && security.EnumerateArray().Any(r => r.TryGetProperty("ParleyIdentity", out _))))
            {
                // Needs a person's sign-in session, not an API key (Parley.Identity.Tests and, for the booking guests' routes,
                // Parley.Booking.Tests check those answers against this document).
                continue;
            }

            var url = Url(path.Name, ids, phone);
            using var response = await api.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"GET {url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                continue;
            }

            var content = get.GetProperty("responses").GetProperty("200").GetProperty("content");
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            var described = content.EnumerateObject().FirstOrDefault(c => Matches(c.Name, mediaType));
            if (described.Value.ValueKind == JsonValueKind.Undefined)
            {
                failures.Add($"GET {url}: answered {mediaType}, documented {string.Join(", ", content.EnumerateObject().Select(c => c.Name))}");
                continue;
            }

            if (mediaType.EndsWith("json", StringComparison.Ordinal))
            {
                var json = JsonDocument.Parse(body).RootElement;
                failures.AddRange(validator.Validate(json, described.Value.GetProperty("schema")).Select(e => $"GET {url}: {e}"));
            }

            checkedRoutes.Add(path.Name);
        }

        failures.ShouldBeEmpty();
        checkedRoutes.Count.ShouldBeGreaterThanOrEqualTo(24);
        checkedRoutes.ShouldContain("/api/v1/interactions");
        checkedRoutes.ShouldContain("/api/v1/media/{id}");
    }

    [Fact]
    public void TheValidator_ReportsWhatDoesNotMatch()
    {
        var document = JsonDocument.Parse(
            """
            {"components": {"schemas": {
              "Page": {"type": "object", "required": ["items", "nextCursor"], "properties": {
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}, "nextCursor": {"type": ["null", "string"]}}},
              "Item": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "n": {"type": ["integer", "string"], "pattern": "^-?\\d+$"},
                "kind": {"enum": ["a", "b"]}, "at": {"type": "string", "format": "date-time"}}}}}}
            """).RootElement;
        var validator = new OpenApiSchemaValidator(document);
        var page = validator.Resolve("#/components/schemas/Page");

        validator.Validate(JsonDocument.Parse("""{"items": [{"id": "1", "n": 5, "kind": "a", "at": "2026-01-01T00:00:00Z"}], "nextCursor": null}""").RootElement, page)
            .ShouldBeEmpty();
        validator.Validate(JsonDocument.Parse("""{"items": [{"id": 1, "n": "x", "kind": "c", "at": "soon"}]}""").RootElement, page)
            .ShouldBe(
            [
                "$: required property 'nextCursor' is missing",
                "$.items[0].id: the number 1 where the schema says \"string\"",
                "$.items[0].n: 'x' does not match ^-?\\d+$",
                "$.items[0].kind: \"c\" is not one of [\"a\", \"b\"]",
                "$.items[0].at: 'soon' is not a date-time",
            ]);
    }

    private static bool Matches(string documented, string actual) =>
        documented == actual || (documented.EndsWith("/*", StringComparison.Ordinal) && actual.StartsWith(documented[..^1], StringComparison.Ordinal));

    /// <summary>The template with real values: a key that is a route prefix (<c>/api/v1/webhooks/{id}</c>) or a parameter (<c>{accountId}</c>).</summary>
    private static string Url(string template, Dictionary<string, string> ids, string phone)
    {
        // The clinic's routes read the demo clinic's patient (docs/clinic.md).
        var url = template.Replace("/api/v1/clinic/patients/{phone}", "/api/v1/clinic/patients/" + Uri.EscapeDataString("+15550100001"), StringComparison.Ordinal);
        foreach (var (name, value) in ids.Where(kv => kv.Key.StartsWith('/')).OrderByDescending(kv => kv.Key.Length))
        {
            if (url.StartsWith(name, StringComparison.Ordinal))
            {
                url = value + url[name.Length..];
                break;
            }
        }

        foreach (var (name, value) in ids.Where(kv => kv.Key.StartsWith('{')))
        {
            url = url.Replace(name, Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        return url switch
        {
            _ when url.Contains('{', StringComparison.Ordinal) => throw new InvalidOperationException($"No value for a parameter of {template}: add one to the seed."),
            "/api/v1/history" => $"{url}?phone={Uri.EscapeDataString(phone)}",
            "/api/v1/sandbox/ministry/messages" => $"{url}?contact={Uri.EscapeDataString(phone)}",
            _ => url,
        };
    }

    /// <summary>A conversation with a bot (interactions), a file, an outgoing webhook with a delivery, a stored provider event.</summary>
    private static async Task<(Dictionary<string, string> Ids, string Phone)> SeedAsync(TestApp app, HttpClient api, WebhookReceiver receiver)
    {
        const string phone = "+15550001111";
        var (created, webhook) = await api.PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "message.received" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, webhook.ToString());
        var sandbox = app.SandboxFor("ministry");
        await sandbox.SendAsync(phone, "hola");
        await sandbox.SendFileAsync(phone, Png, "dot.png", "image/png", "a dot");
        await sandbox.WaitForRepliesAsync(phone, 1);
        var thread = await sandbox.ThreadAsync(phone);
        var sandboxMedia = thread.Select(m => m.Media?.Url).OfType<string>().First();

        using var upload = new MultipartFormDataContent();
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        upload.Add(file, "file", "dot.png");
        using var uploaded = await api.PostAsync("/api/v1/media", upload);
        var media = await uploaded.JsonAsync();

        var conversation = (await api.GetJsonAsync("/api/v1/conversations?account=ministry")).GetProperty("items")[0];
        var message = (await api.GetJsonAsync($"/api/v1/history?phone={Uri.EscapeDataString(phone)}")).GetProperty("messages")[0];
        var webhookEvent = (await api.GetJsonAsync("/api/v1/webhook-events")).GetProperty("items")[0];

        // The demo resort's first activity, and a booking held on its first free slot (docs/booking.md).
        var activity = (await api.GetJsonAsync("/api/v1/booking/activities"))[0].Str("id");
        var slot = (await api.GetJsonAsync($"/api/v1/booking/activities/{activity}")).GetProperty("upcomingSlots").EnumerateArray().First(s => s.GetProperty("available").GetInt32() > 0);
        var (held, booking) = await api.PostJsonAsync("/api/v1/booking/bookings", new { phone, slotId = long.Parse(slot.Str("id"), System.Globalization.CultureInfo.InvariantCulture), partySize = 1 });
        held.StatusCode.ShouldBe(HttpStatusCode.Created, booking.ToString());
        return (new Dictionary<string, string>
        {
            ["/api/v1/sandbox/{accountId}/media/{mediaId}"] = sandboxMedia,
            ["{accountId}"] = "ministry",
            ["/api/v1/media/{id}"] = $"/api/v1/media/{media.Str("id")}",
            ["/api/v1/messages/{id}"] = $"/api/v1/messages/{message.Str("id")}",
            ["/api/v1/conversations/{id}"] = $"/api/v1/conversations/{conversation.Str("id")}",
            ["/api/v1/accounts/{id}"] = "/api/v1/accounts/ministry",
            ["/api/v1/contacts/{id}"] = $"/api/v1/contacts/{conversation.GetProperty("contact").Str("id")}",
            ["/api/v1/webhook-events/{id}"] = $"/api/v1/webhook-events/{webhookEvent.Str("id")}",
            ["/api/v1/webhooks/{id}"] = $"/api/v1/webhooks/{webhook.GetProperty("webhook").Str("id")}",
            ["/api/v1/booking/activities/{id}"] = $"/api/v1/booking/activities/{activity}",
            ["/api/v1/booking/bookings/{reference}"] = $"/api/v1/booking/bookings/{booking.Str("reference")}",
        }, phone);
    }
}
