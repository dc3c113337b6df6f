using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Parley.Api;

/// <summary>
/// Document-wide corrections that the linters (<c>@redocly/cli lint</c>, Spectral's <c>spectral:oas</c>, both in .ci/run)
/// ask for: servers without a trailing slash, a description for every tag, and public operations (the sandbox, health)
/// marked as needing no credentials.
/// </summary>
public static class ApiDocumentRules
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Messages"] = "Send messages and read them with their status history.",
        ["Media"] = "Download stored files and upload files to send.",
        ["Conversations"] = "Conversations with contacts; a person can take one over from the bot.",
        ["Statistics"] = "Counts, response times, failures and the bots' performance over a period.",
        ["Templates"] = "The template catalogue: list, render, sync from the provider.",
        ["Accounts"] = "WhatsApp business numbers (Meta, Twilio, ACS, sandbox) with write-only secrets.",
        ["Contacts"] = "The people who wrote, with their opt-out, block and allow flags.",
        ["Webhook events"] = "Provider deliveries as stored, and replaying the ones that failed.",
        ["Outgoing webhooks"] = "Signed events Parley posts to your URLs.",
        ["API keys"] = "Keys for this API and their scopes.",
        ["Bots"] = "The bots' interaction log and dry runs.",
        ["Knowledge base"] = "Documents the AI assistant answers from.",
        ["Booking"] = "The resort's activities, time slots, bookings and statistics (API key scopes booking:read, booking:write).",
        ["Booking (guests)"] = "A signed-in guest's activities, availability and bookings: hold, confirm, cancel (Identity session).",
        ["Sign-in"] = "People sign in with a code sent to their WhatsApp and get a session (cookie or bearer token).",
        ["Sandbox"] = "The built-in sandbox channel: play a WhatsApp contact without a provider.",
        ["Webhooks"] = "What the providers call: Meta, Twilio and ACS (Event Grid) deliver messages and statuses here.",
    };

    public static Task ApplyAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        WebhookPaths.AddTo(document);
        document.Tags ??= new HashSet<OpenApiTag>();
        var used = (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var name in used.Where(n => document.Tags.All(t => t.Name != n)))
        {
            document.Tags.Add(new OpenApiTag { Name = name });
        }

        foreach (var tag in document.Tags.ToList())
        {
            if (!used.Contains(tag.Name ?? ""))
            {
                document.Tags.Remove(tag);
            }
            else if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            // No scope: a public operation. An empty requirement says "no credentials" (the linters want it said).
            operation.Security ??= [];
            if (operation.Security.Count == 0)
            {
                operation.Security.Add(new OpenApiSecurityRequirement());
            }
        }

        return Task.CompletedTask;
    }
}
