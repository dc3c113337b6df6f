using Parley.Core.Text;

namespace Parley.Core.Bots.Rules;

/// <summary>One message on its way through the rules to its bot: the request (which a rule may rewrite), the account's settings, the contact's language.</summary>
public sealed class BotRuleContext(IBot bot, BotRequest request, BotRuleSettings settings, DateTimeOffset now)
{
    public IBot Bot { get; } = bot;

    /// <summary>What the bot is handed if no rule stops the message; the sanitizer and the session rule rewrite it.</summary>
    public BotRequest Request { get; set; } = request;

    public BotRuleSettings Settings { get; } = settings;

    /// <summary>When the rules started on this message.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>The message's words in matching form, or "" for a button or list choice (a choice is never an opt-out word).</summary>
    public string Word => Request.Message.Content.Reply is null ? TextNormalizer.ForMatching(Request.Message.Content.Text) : "";

    /// <summary>"es" or "en" for the rules' notices: the message's, else the contact's recent messages', else the account's.</summary>
    public string Language =>
        LanguageGuesser.Guess(Request.Message.Content.Text)
        ?? Request.History.Where(m => m.IsInbound).Reverse().Select(m => LanguageGuesser.Guess(m.Content.Text)).FirstOrDefault(l => l is not null)
        ?? Settings.Language
        ?? "en";

    /// <summary>One of <see cref="BotRuleTexts"/> in the contact's language, the account's override first.</summary>
    public string Phrase(string key, string? optInWord = null)
    {
        var language = Language;
        var text = Settings.Text(key, language) ?? BotRuleTexts.Get(key, language);
        var name = string.IsNullOrWhiteSpace(Request.Contact.Name) ? "" : Request.Contact.Name.Trim();
        return text.Replace("{{customer_name}}", name, StringComparison.Ordinal).Replace("{{opt_in_word}}", optInWord ?? "", StringComparison.Ordinal);
    }
}
