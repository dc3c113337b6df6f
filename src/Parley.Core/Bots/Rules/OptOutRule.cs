using Microsoft.Extensions.Logging;
using Parley.Core.Contacts;
using Parley.Core.Messaging;
using Parley.Core.Text;

namespace Parley.Core.Bots.Rules;

/// <summary>
/// An opt-out word (<c>STOP</c>, <c>BAJA</c>, ...) as the whole message opts the contact out after one confirmation; an
/// opt-in word (<c>START</c>, <c>ALTA</c>) opts them back in. Opted-out contacts get nothing else from any bot. It runs
/// before takeover: stopping messages is the contact's right, whoever holds the conversation.
/// </summary>
public sealed class OptOutRule(ILogger<OptOutRule> logger) : IBotRule
{
    public string Name => "opt-out";

    public ValueTask<BotResult?> ApplyAsync(BotRuleContext context, CancellationToken ct)
    {
        var contact = context.Request.Contact;
        var word = context.Word;
        if (context.Settings.OptInWords.Contains(word))
        {
            if (contact.OptedOut)
            {
                logger.LogInformation("Contact {Contact} of account {AccountId} opted back in", PhoneMask.Mask(contact.WaId), context.Request.Account.Id);
            }

            return Decide(new BotResult { Replies = [MessageContent.FromText(context.Phrase(BotRuleTexts.OptedIn))], OptedOut = false });
        }

        if (contact.OptedOut)
        {
            return Decide(BotResult.Silent);
        }

        if (context.Settings.OptOutWords.Contains(word))
        {
            logger.LogInformation("Contact {Contact} of account {AccountId} opted out", PhoneMask.Mask(contact.WaId), context.Request.Account.Id);
            var confirmation = context.Phrase(BotRuleTexts.OptedOut, OptInWord(context));
            return Decide(new BotResult { Replies = [MessageContent.FromText(confirmation)], OptedOut = true });
        }

        return ValueTask.FromResult<BotResult?>(null);
    }

    /// <summary>The opt-in word to suggest: one in the contact's language if there is one, else the first.</summary>
    private static string OptInWord(BotRuleContext context)
    {
        var words = context.Settings.OptInWords;
        var language = context.Language;
        var inLanguage = words.FirstOrDefault(w => LanguageGuesser.Guess(w) == language);
        return (inLanguage ?? words.FirstOrDefault() ?? "START").ToUpperInvariant();
    }

    private static ValueTask<BotResult?> Decide(BotResult result) => ValueTask.FromResult<BotResult?>(result);
}
