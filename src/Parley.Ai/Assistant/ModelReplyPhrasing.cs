using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Parley.Ai.Chat;
using Parley.Core.Accounts;
using Parley.Core.Bots;

namespace Parley.Ai.Assistant;

/// <summary>
/// A bot's own answer put into words by the account's model: the facts go to the model as the only source, with a low
/// temperature; the text comes back only if it keeps every <see cref="ReplyPhrasingRequest.MustKeep"/> and fits.
/// Offline, on failure or when it strays, null: the bot's text is sent. Each call is recorded in <c>ai_usage</c>.
/// </summary>
public sealed class ModelReplyPhrasing(AiClients clients, AiCaller caller, AiUsageLog usage, IOptions<AiOptions> options) : IReplyPhrasing
{
    public async Task<string?> PhraseAsync(Account account, ReplyPhrasingRequest request, CancellationToken ct)
    {
        var settings = AiSettings.ForOrOffline(options.Value, account);
        if (clients.Chat(settings) is not { } chat)
        {
            return null;
        }

        List<ChatMessage> messages =
        [
            new(ChatRole.System, Instructions(request.Language)),
            new(ChatRole.User, $"Guest's message: {request.Question}\n\nFacts (the only source):\n{request.Facts}"),
        ];
        var chatOptions = new ChatOptions
        {
            ModelId = settings.Model,
            MaxOutputTokens = Math.Min(settings.MaxTokens, 500),
            Temperature = (float)Math.Min(settings.Temperature, 0.3),
        };
        var result = await caller.CallAsync(settings, "phrasing", c => chat.GetResponseAsync(messages, chatOptions, c), ct);
        var text = result.Value?.Text?.Trim();
        var problem = result.Value is null ? result.Failure?.ToString() ?? "no answer"
            : string.IsNullOrEmpty(text) ? "The model returned an empty text."
            : text.Length > request.MaxLength ? $"The phrasing is longer than {request.MaxLength} characters."
            : request.MustKeep.FirstOrDefault(k => !text.Contains(k, StringComparison.OrdinalIgnoreCase)) is { } lost ? $"The phrasing left out '{lost}'."
            : null;
        await usage.RecordAsync(new AiUsage(account.Id, AiUsage.Phrasing, settings.Provider,
            problem is null ? AiOutcomes.Ok : result.Value is null ? AiOutcomes.Error : AiOutcomes.Blocked)
        {
            Bot = request.Bot,
            Model = result.Value?.ModelId ?? settings.Model,
            InputTokens = result.Value?.Usage?.InputTokenCount,
            OutputTokens = result.Value?.Usage?.OutputTokenCount,
            TotalTokens = result.Value?.Usage?.TotalTokenCount,
            LatencyMs = (long)result.Latency.TotalMilliseconds,
            Attempts = result.Attempts,
            Error = problem,
        }, ct);
        return problem is null ? text : null;
    }

    private static string Instructions(string language) =>
        $"""
        You write one short, friendly WhatsApp reply to a guest, in the language with the code "{language}".
        Use only the facts given: keep every name, day, time, price and number exactly as written, and do not add
        activities, times, prices, promises or advice that are not in the facts. Keep the facts' order (best first).
        Mention each listed item once, by its name as written. No links, no headings, at most 900 characters.
        """;
}
