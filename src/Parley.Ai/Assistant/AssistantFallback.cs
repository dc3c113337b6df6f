using Microsoft.Extensions.Options;
using Parley.Ai.Chat;
using Parley.Ai.Knowledge;
using Parley.Bots.Engine;
using Parley.Bots.Engine.Fallback;
using Parley.Core.Messaging;

namespace Parley.Ai.Assistant;

/// <summary>
/// The bot engine's last step, answered by the assistant: what no flow, command, skill, intent or template of an
/// engine bot understood goes to the account's model, or offline to the knowledge base, with the bot's documents.
/// With no documents for the account and bot, the engine's "I did not understand, type help" stays: with nothing to
/// ground an answer in, the assistant could only say "I don't know", which helps less than pointing at the menu.
/// </summary>
public sealed class AssistantFallback(AssistantResponder responder, KnowledgeStore knowledge, IOptions<AiOptions> options) : IFallbackResponder
{
    private readonly DefaultFallbackResponder _plain = new();

    public async Task AnswerAsync(BotContext context, CancellationToken ct)
    {
        var request = context.Request;
        if ((await knowledge.TitlesAsync(KbScope.For(request.Account.Id, context.Bot.Name), ct)).Count == 0)
        {
            await _plain.AnswerAsync(context, ct);
            return;
        }

        // The engine may have cleaned the text (sanitize stage) or read a button's title: that is what the person said.
        var content = request.Message.Content;
        if (content.Type is MessageTypes.Text or MessageTypes.Interactive or MessageTypes.Button)
        {
            content = MessageContent.FromText(context.Text);
        }

        var result = await responder.AnswerAsync(request with { Message = request.Message with { Content = content } }, ct);
        context.Replies.AddRange(result.Replies);
        if (result.ConversationState is { } state)
        {
            context.ConversationState = state;
        }

        context.Details["assistant"] = AiSettings.ForOrOffline(options.Value, request.Account).IsOffline ? "offline" : "model";
    }

}
