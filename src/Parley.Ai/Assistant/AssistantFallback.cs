using Microsoft.Extensions.Options;
using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Parley.Core.Bots;
using Parley.Core.Messaging;

namespace Parley.Ai.Assistant;

/// <summary>
/// The bots' last resort, answered by the assistant: what no flow, command, skill, intent or template of an engine
/// bot understood goes to the account's model, or offline to the knowledge base, with the bot's documents. With no
/// documents for the account and bot it answers nothing, and the bot's "I did not understand, type help" stays: with
/// nothing to ground an answer in, the assistant could only say "I don't know", which helps less than the menu.
/// </summary>
public sealed class AssistantFallback(AssistantResponder responder, KnowledgeStore knowledge, IOptions<AiOptions> options) : IBotFallback
{
    public async Task<BotFallbackAnswer?> AnswerAsync(BotRequest request, string bot, string text, CancellationToken ct)
    {
        if ((await knowledge.TitlesAsync(KbScope.For(request.Account.Id, bot), ct)).Count == 0)
        {
            return null;
        }

        // The bot may have cleaned the text or read a button's title: that is what the person said.
        var content = request.Message.Content;
        if (content.Type is MessageTypes.Text or MessageTypes.Interactive or MessageTypes.Button)
        {
            content = MessageContent.FromText(text);
        }

        var result = await responder.AnswerAsync(request with { Message = request.Message with { Content = content } }, ct);
        return new BotFallbackAnswer(result, AiSettings.ForOrOffline(options.Value, request.Account).IsOffline ? "offline" : "model");
    }
}
