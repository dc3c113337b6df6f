using Microsoft.Extensions.Options;
using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Parley.Core.Bots;
using Parley.Core.Messaging;

namespace Parley.Ai.Assistant;

/// <summary>
/// The <c>assistant</c> bot, Parley's default: a few commands of its own (<c>help</c>/<c>ayuda</c>/<c>menu</c> for a
/// list menu, <c>reset</c> to forget the conversation, a person on request) and everything else answered by the
/// <see cref="AssistantResponder"/>. While a person has taken the conversation over, the core does not call it.
/// </summary>
public sealed class AssistantBot(AssistantResponder responder, KnowledgeStore knowledge, IOptions<AiOptions> options) : IBot
{
    private static readonly HashSet<string> MenuWords = new(StringComparer.Ordinal) { "help", "ayuda", "menu", "/help", "/menu", "?", "opciones", "options" };

    private static readonly HashSet<string> HumanWords = new(StringComparer.Ordinal)
    {
        "human", "agent", "person", "operator", "humano", "agente", "persona", "asesor", "talk to a person", "hablar con alguien",
        "hablar con una persona", "quiero hablar con una persona",
    };

    /// <summary>The menu rows' titles typed as questions ("What can you do?"): answered like the row, never "I don't know".</summary>
    private static readonly HashSet<string> AboutWords = new(StringComparer.Ordinal)
    {
        "what you can do", "what can you do", "what can you do for me", "what do you do", "what are you", "who are you", "how can you help",
        "how can you help me", "que puedes hacer", "que haces", "que sabes hacer", "quien eres", "que eres", "en que me puedes ayudar",
        "como me puedes ayudar", "about",
    };

    private static readonly HashSet<string> TopicsWords = new(StringComparer.Ordinal)
    {
        "what you know about", "what do you know about", "what do you know", "what topics do you know", "topics", "temas",
        "de que temas sabes", "que temas sabes", "de que sabes", "que sabes", "sobre que sabes",
    };

    public string Name => AssistantResponder.DefaultBotName;

    public string Description => "Answers questions from its knowledge base — offline by quoting it, or through a language model — and understands images, voice notes and PDFs.";

    public async Task<BotResult> HandleAsync(BotRequest request, CancellationToken ct)
    {
        var content = request.Message.Content;
        var command = (content.Reply?.Id ?? content.Text ?? "").Trim();
        var folded = TextAnalyzer.Fold(command).TrimEnd('.', '!');
        var lang = Language.Detect(content.Reply?.Title ?? content.Text);
        var offline = AiSettings.ForOrOffline(options.Value, request.Account).IsOffline;

        if (MenuWords.Contains(folded) || folded == AssistantTexts.MenuChoice)
        {
            return BotResult.Reply(AssistantTexts.Menu(lang));
        }

        if (ConversationMemory.IsReset(command) || folded == AssistantTexts.ResetChoice)
        {
            return BotResult.Reply(MessageContent.FromText(AssistantTexts.Reset(lang)));
        }

        if (HumanWords.Contains(folded) || folded == AssistantTexts.HumanChoice)
        {
            return new BotResult
            {
                Replies = [MessageContent.FromText(AssistantTexts.HandedOver(lang))],
                ConversationState = ConversationInfo.HumanState,
            };
        }

        var question = TextAnalyzer.Fold(command).Trim().TrimStart('¿', '¡').TrimEnd('?', '.', '!').Trim();
        if ((folded == AssistantTexts.AboutChoice && content.Reply is not null) || (content.Reply is null && AboutWords.Contains(question)))
        {
            return BotResult.Reply(MessageContent.FromText(AssistantTexts.About(lang, offline)));
        }

        if ((folded == AssistantTexts.TopicsChoice && content.Reply is not null) || (content.Reply is null && TopicsWords.Contains(question)))
        {
            var scope = KbScope.For(request.Account.Id, request.Account.Bot ?? Name);
            var titles = await knowledge.TitlesAsync(scope, ct);
            return BotResult.Reply(MessageContent.FromText(AssistantTexts.Topics(lang, titles)));
        }

        if (content.Type is MessageTypes.Interactive or MessageTypes.Button && content.Reply is not null)
        {
            // A button of another message (a template's quick reply): its title is what the person said.
            return await responder.AnswerAsync(request with { Message = request.Message with { Content = MessageContent.FromText(content.Reply.Title ?? content.Reply.Id) } }, ct);
        }

        if (content.Type is MessageTypes.Reaction or MessageTypes.System or MessageTypes.Order)
        {
            return BotResult.Silent;
        }

        return await responder.AnswerAsync(request, ct);
    }
}
