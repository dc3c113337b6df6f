using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Parley.Ai.Media;
using Parley.Core.Bots;
using Parley.Core.Messaging;

namespace Parley.Ai.Assistant;

/// <summary>
/// Answers one message the way the assistant does, for the <c>assistant</c> bot and as the bot engine's fallback:
/// understands its media, waits out a burst, finds passages in the knowledge base, then answers through the
/// account's model (with the conversation's memory and the passages as delimited reference) or, offline, by quoting
/// the passages. Provider failures become a short apology; every answer's usage is recorded.
/// </summary>
public sealed partial class AssistantResponder(
    IOptions<AiOptions> options,
    AiClients clients,
    AiCaller caller,
    AiUsageLog usage,
    Retriever retriever,
    MediaUnderstanding media,
    BurstGate burst,
    ConversationMemory conversation,
    ILogger<AssistantResponder> logger)
{
    public const string DefaultBotName = "assistant";

    public async Task<BotResult> AnswerAsync(BotRequest request, CancellationToken ct)
    {
        var settings = SettingsFor(request);
        var message = request.Message;
        var lang = Language.Detect(message.Content.Text);

        // Media first: a transcript stored now is in the history that a later message of the burst reads.
        var current = await media.UnderstandAsync(request.Account, settings, message, lang, ct);
        if (current.Problem is { } problem)
        {
            return BotResult.Reply(MessageContent.FromText(problem));
        }

        if (!await burst.IsLatestAsync(message, settings.BurstDelay, ct))
        {
            logger.LogDebug("Message {MessageId} is part of a burst; the latest message answers it", message.Id);
            return BotResult.Silent;
        }

        var view = await conversation.LoadAsync(message, settings.HistoryTurns, ct);
        var turn = new List<UnderstoodMessage>();
        foreach (var earlier in view.Pending.Take(view.Pending.Count - 1))
        {
            var understood = await media.UnderstandAsync(request.Account, settings, earlier, lang, ct);
            if (understood.Problem is null)
            {
                turn.Add(understood);
            }
        }

        turn.Add(current);
        // Memory ends where the session began (Core's session rule: the account's SessionTimeout, 30 minutes by default).
        var memory = ConversationMemory.Memory(ConversationMemory.Since(view.History, request.SessionStartedAt), settings.HistoryTurns);
        var words = string.Join('\n', turn.Select(t => t.Words).Where(w => w.Length > 0));
        lang = Language.Detect(words, lang);
        var context = new AnswerContext(request, settings, turn, memory, words, lang);
        return settings.IsOffline || clients.Chat(settings) is null
            ? await OfflineAsync(context, ct)
            : await ModelAsync(context, ct);
    }

    private sealed record AnswerContext(BotRequest Request, AiSettings Settings, List<UnderstoodMessage> Turn, List<MemoryTurn> Memory, string Words, string Lang)
    {
        public KbScope Scope => KbScope.For(Request.Account.Id, Request.Account.Bot ?? DefaultBotName);

        /// <summary>Images, voice notes and videos in the turn that nothing could see or hear.</summary>
        public UnderstoodMessage? Unseen => Turn.LastOrDefault(t =>
            (t.Type is MessageTypes.Image or MessageTypes.Sticker && t.Image is null)
            || (t.Type == MessageTypes.Audio && t.Transcript is null)
            || t.Type == MessageTypes.Video);
    }

    private async Task<BotResult> OfflineAsync(AnswerContext x, CancellationToken ct)
    {
        var replies = new List<MessageContent>();
        IReadOnlyList<RetrievedPassage> passages = [];
        if (x.Turn.LastOrDefault(t => t.Document is not null) is { } document)
        {
            replies.Add(OfflineAssistant.AnswerFromDocument(document, x.Lang));
        }
        else
        {
            if (x.Unseen is { } unseen)
            {
                replies.Add(MessageContent.FromText(AssistantTexts.MediaReceived(x.Lang, unseen.Type, unseen.Message.Content.Media)));
            }

            var question = x.Turn.Where(t => t.Type is not (MessageTypes.Image or MessageTypes.Sticker) || t.Text is not null).Select(t => t.Words).Where(w => w.Length > 0);
            var words = string.Join('\n', question);
            if (words.Length > 0 && OfflineAssistant.SmallTalk(words, x.Lang, x.Request.Contact.Name, offline: true) is { } smallTalk)
            {
                replies.Add(MessageContent.FromText(smallTalk));
            }
            else if (words.Length > 0 && (replies.Count == 0 || TextAnalyzer.Terms(words).Count > 0))
            {
                passages = await SearchAsync(x, words, ct);
                replies.Add(OfflineAssistant.Answer(passages, x.Lang));
            }
        }

        if (replies.Count == 0)
        {
            replies.Add(MessageContent.FromText(AssistantTexts.UnknownType(x.Lang)));
        }

        // "I don't know" is the one offline reply with buttons (it offers a person).
        var outcome = replies.Any(r => r.Interactive is not null) ? AiOutcomes.NoAnswer : AiOutcomes.Offline;
        await RecordAsync(x, new AiUsage(x.Request.Account.Id, AiUsage.Answer, AiProviders.Offline, outcome)
        {
            Sources = SourceIds(passages),
        }, ct);
        return BotResult.Reply([.. replies]);
    }

    private async Task<BotResult> ModelAsync(AnswerContext x, CancellationToken ct)
    {
        var settings = x.Settings;
        var hasImage = x.Turn.Any(t => t.Image is not null);
        var hasDocument = x.Turn.Any(t => t.Document is not null);
        if (x.Words.Length == 0 && !hasImage && !hasDocument)
        {
            var unseen = x.Unseen;
            return BotResult.Reply(MessageContent.FromText(unseen is null
                ? AssistantTexts.UnknownType(x.Lang)
                : AssistantTexts.MediaReceived(x.Lang, unseen.Type, unseen.Message.Content.Media)));
        }

        var terms = TextAnalyzer.Terms(x.Words);
        IReadOnlyList<RetrievedPassage> passages = terms.Count > 0 ? await SearchAsync(x, x.Words, ct) : [];
        if (passages.Count == 0 && terms.Count > 0 && x.Memory.LastOrDefault(m => m.FromUser) is { } previous)
        {
            // A follow-up ("and for Twilio?") is found together with the question it follows.
            passages = await SearchAsync(x, previous.Text + "\n" + x.Words, ct);
        }

        if (settings.KnowledgeOnly && passages.Count == 0 && terms.Count > 0 && !hasImage && !hasDocument
            && OfflineAssistant.SmallTalk(x.Words, x.Lang, null, offline: false) is null
            && !(x.Memory.Count > 0 && ConversationQuestion.IsAbout(x.Words)))
        {
            // Knowledge grounding: with nothing relevant in the knowledge base (and not a question about the conversation
            // itself), the model is not asked to guess. Open grounding always asks it.
            await RecordAsync(x, new AiUsage(x.Request.Account.Id, AiUsage.Answer, settings.Provider, AiOutcomes.NoAnswer) { Model = settings.Model }, ct);
            return BotResult.Reply(AssistantTexts.DontKnow(x.Lang));
        }

        var chat = clients.Chat(settings)!;
        var prompt = PromptBuilder.Build(new PromptInput(Persona(x), x.Memory, x.Turn, passages, settings.KnowledgeOnly ? AiGrounding.Knowledge : AiGrounding.Open));
        var model = hasImage ? settings.EffectiveVisionModel ?? settings.Model : settings.Model;
        var chatOptions = new ChatOptions
        {
            ModelId = model,
            MaxOutputTokens = settings.MaxTokens,
            Temperature = (float)settings.Temperature,
        };
        var result = await caller.CallAsync(settings, "answer", c => chat.GetResponseAsync(prompt, chatOptions, c), ct);
        var record = new AiUsage(x.Request.Account.Id, AiUsage.Answer, settings.Provider, AiOutcomes.Ok)
        {
            Model = result.Value?.ModelId ?? model,
            InputTokens = result.Value?.Usage?.InputTokenCount,
            OutputTokens = result.Value?.Usage?.OutputTokenCount,
            TotalTokens = result.Value?.Usage?.TotalTokenCount
                ?? (result.Value?.Usage is { } u ? (u.InputTokenCount ?? 0) + (u.OutputTokenCount ?? 0) : null),
            LatencyMs = (long)result.Latency.TotalMilliseconds,
            Attempts = result.Attempts,
            Sources = SourceIds(passages),
        };

        if (result.Value is not { } response)
        {
            await RecordAsync(x, record with { Outcome = AiOutcomes.Error, Error = result.Failure?.ToString() }, ct);
            return BotResult.Reply(MessageContent.FromText(AssistantTexts.Apology(x.Lang)));
        }

        var answer = response.Text?.Trim() ?? "";
        if (response.FinishReason == ChatFinishReason.ContentFilter)
        {
            await RecordAsync(x, record with { Outcome = AiOutcomes.Refused, Error = Truncate(answer, 300) }, ct);
            return BotResult.Reply(MessageContent.FromText(AssistantTexts.Refused(x.Lang)));
        }

        if (answer.Length == 0)
        {
            await RecordAsync(x, record with { Outcome = AiOutcomes.Error, Error = "The model returned an empty answer." }, ct);
            return BotResult.Reply(MessageContent.FromText(AssistantTexts.Apology(x.Lang)));
        }

        if (answer.Contains(PromptBuilder.NoAnswer, StringComparison.OrdinalIgnoreCase))
        {
            await RecordAsync(x, record with { Outcome = AiOutcomes.NoAnswer }, ct);
            return BotResult.Reply(AssistantTexts.DontKnow(x.Lang));
        }

        if (Leaks(answer, settings))
        {
            logger.LogWarning("An answer for message {MessageId} repeated the system prompt or a key; it was not sent", x.Request.Message.Id);
            await RecordAsync(x, record with { Outcome = AiOutcomes.Blocked, Error = "The answer repeated the system prompt or a key." }, ct);
            return BotResult.Reply(MessageContent.FromText(AssistantTexts.CannotShare(x.Lang)));
        }

        await RecordAsync(x, record, ct);
        return BotResult.Reply(ReplyFormatter.Split(answer + SourcesFooter(answer, passages, x.Lang, citedOnly: !settings.KnowledgeOnly)));
    }

    private async Task<IReadOnlyList<RetrievedPassage>> SearchAsync(AnswerContext x, string question, CancellationToken ct)
    {
        try
        {
            return await retriever.SearchAsync(x.Scope, question, x.Settings, ct);
        }
        catch (System.Data.Common.DbException ex)
        {
            logger.LogWarning(ex, "Knowledge base search failed for account {Account}", x.Request.Account.Id);
            return [];
        }
    }

    /// <summary>
    /// The passages the answer cites by number ([1]); when it cites none, all of them in knowledge grounding (every
    /// answer comes from them) and none in open grounding (the model answered from elsewhere).
    /// </summary>
    private static string SourcesFooter(string answer, IReadOnlyList<RetrievedPassage> passages, string lang, bool citedOnly)
    {
        if (passages.Count == 0)
        {
            return "";
        }

        var cited = Citation().Matches(answer)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Where(n => n >= 1 && n <= passages.Count)
            .Distinct()
            .Order()
            .ToList();
        if (cited.Count == 0 && citedOnly)
        {
            return "";
        }

        var lines = cited.Count > 0
            ? cited.Select(n => $"[{n}] {passages[n - 1].Citation}")
            : passages.Select(p => p.Citation).Distinct();
        return $"\n\n📚 {AssistantTexts.Sources(lang)}: " + string.Join("; ", lines);
    }

    /// <summary>An answer that repeats a rule of the system prompt or the provider key is not sent.</summary>
    private static bool Leaks(string answer, AiSettings settings)
    {
        if (settings.ApiKey is { Length: >= 8 } key && answer.Contains(key, StringComparison.Ordinal))
        {
            return true;
        }

        return PromptBuilder.AllRules.Any(rule => answer.Contains(rule[..Math.Min(rule.Length, 60)], StringComparison.OrdinalIgnoreCase));
    }

    private string Persona(AnswerContext x)
    {
        var bot = x.Request.Account.Bot ?? DefaultBotName;
        return options.Value.BotPrompts.TryGetValue(bot, out var perBot) && !string.IsNullOrWhiteSpace(perBot) && x.Request.Account.Setting(AiSettings.AccountPrefix + "SystemPrompt") is null
            ? perBot
            : x.Settings.SystemPrompt ?? PromptBuilder.DefaultPersona;
    }

    private AiSettings SettingsFor(BotRequest request)
    {
        var settings = AiSettings.ForOrOffline(options.Value, request.Account, out var problem);
        if (problem is not null)
        {
            logger.LogWarning("AI settings of account {Account} are invalid, answering offline: {Reason}", request.Account.Id, problem);
        }

        return settings;
    }

    private Task RecordAsync(AnswerContext x, AiUsage record, CancellationToken ct) =>
        usage.RecordAsync(record with
        {
            ConversationId = x.Request.Message.ConversationId,
            MessageId = x.Request.Message.Id,
            Bot = x.Request.Account.Bot ?? DefaultBotName,
        }, ct);

    private static string? SourceIds(IReadOnlyList<RetrievedPassage> passages) =>
        passages.Count == 0 ? null : JsonSerializer.Serialize(passages.Select(p => p.Passage.Id));

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [GeneratedRegex(@"\[(\d{1,2})\]")]
    private static partial Regex Citation();
}
