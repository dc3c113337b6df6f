using Microsoft.Extensions.Logging;
using Parley.Core.Contacts;

namespace Parley.Bots.Engine.Stages;

/// <summary>
/// Who is served. Blocked contacts (the account's <c>BlockList</c> or the contact's flag) get nothing.
/// With an allow-list, only listed or flagged contacts are served; the others get nothing, or one notice
/// (<c>AllowListNotice</c>). An opt-out word (<c>STOP</c>, <c>BAJA</c>, ...) as the whole message opts the
/// contact out after one confirmation; an opt-in word (<c>START</c>, <c>ALTA</c>) opts them back in.
/// Opted-out contacts get nothing else. Opt-out comes before everything, takeover included: it is the
/// contact's right to stop messages.
/// </summary>
public sealed class AccessStage(ILogger<AccessStage> logger) : IBotStage
{
    public string Name => "access";

    public ValueTask<StageOutcome> RunAsync(BotContext context, CancellationToken ct)
    {
        var contact = context.Contact;
        var settings = context.Settings;
        if (contact.Blocked || settings.BlockList.Contains(contact.WaId))
        {
            context.Route = "blocked";
            return Stop();
        }

        if (settings.AllowListEnabled && !contact.Allowed && !settings.AllowList.Contains(contact.WaId))
        {
            context.Route = "not_allowed";
            if (settings.AllowListNotice is { } notice && context.Session.NoticeSentAt is null)
            {
                context.Reply(notice);
                context.Session.NoticeSentAt = context.Now.ToUnixTimeMilliseconds();
                context.SaveSession = true;
            }

            return Stop();
        }

        // Opt-in and opt-out words count only as the whole message, never inside a sentence.
        var word = context.Message.Content.Reply is null ? Parley.Bots.Engine.Text.TextNormalizer.ForMatching(context.Message.Content.Text) : "";
        if (settings.OptInWords.Contains(word))
        {
            context.Route = "opt_in";
            context.OptedOut = false;
            context.Reply(context.Phrase(EngineTexts.OptedIn));
            if (contact.OptedOut)
            {
                logger.LogInformation("Contact {Contact} of account {AccountId} opted back in", PhoneMask.Mask(contact.WaId), context.Account.Id);
            }

            return Stop();
        }

        if (contact.OptedOut)
        {
            context.Route = "opted_out";
            return Stop();
        }

        if (settings.OptOutWords.Contains(word))
        {
            context.Route = "opt_out";
            context.OptedOut = true;
            context.Reply(context.Phrase(EngineTexts.OptedOut, new Dictionary<string, string?> { ["opt_in_word"] = OptInWord(context) }));
            logger.LogInformation("Contact {Contact} of account {AccountId} opted out", PhoneMask.Mask(contact.WaId), context.Account.Id);
            return Stop();
        }

        return ValueTask.FromResult(StageOutcome.Continue);
    }

    /// <summary>The opt-in word to suggest: one in the contact's language if there is one, else the first.</summary>
    private static string OptInWord(BotContext context)
    {
        var words = context.Settings.OptInWords;
        var inLanguage = words.FirstOrDefault(w => Parley.Bots.Engine.Text.LanguageGuesser.Guess(w) == context.Language);
        return (inLanguage ?? words.FirstOrDefault() ?? "START").ToUpperInvariant();
    }

    private static ValueTask<StageOutcome> Stop() => ValueTask.FromResult(StageOutcome.Stop);
}
