using Parley.Bots.Engine.Intents;
using Parley.Bots.Engine.Sessions;
using Parley.Bots.Engine.Templates;
using Parley.Core.Text;
using Parley.Core.Accounts;
using Parley.Core.Bots;
using Parley.Core.Messaging;

namespace Parley.Bots.Engine;

/// <summary>
/// One inbound message on its way through the engine's stages: what came in, the session, what was
/// recognised, and what goes back (replies, session, opt-out, conversation state) plus what the
/// interaction log records. Stages and skills read and write it; the engine turns it into a <see cref="BotResult"/>.
/// </summary>
public sealed class BotContext
{
    private string _text;
    private string? _folded;

    public BotContext(EngineBot bot, BotRequest request, AccountEngineSettings settings, DateTimeOffset now)
    {
        Bot = bot;
        Request = request;
        Settings = settings;
        Now = now;
        var content = request.Message.Content;
        ChoiceId = content.Reply?.Id;
        _text = content.Reply is { } reply ? reply.Title ?? reply.Id : content.Text ?? "";
        StoredSession = BotSession.Parse(request.Conversation.Session, bot.Name);
        Session = StoredSession ?? BotSession.Start(bot.Name, now, null);
        NewSession = StoredSession is null;
        var guessed = LanguageGuesser.Guess(_text);
        // One or two words ("hi", "ok thanks") do not switch a conversation already held in another language.
        var keepsSession = Session.Language is { } held && guessed is not null && !string.Equals(held, guessed, StringComparison.OrdinalIgnoreCase)
            && TextNormalizer.Tokenize(_text).Count <= MaxWordsThatKeepTheLanguage;
        LanguageFromMessage = guessed is not null && bot.Speaks(guessed) && !keepsSession;
        Language = LanguageFromMessage ? guessed! : Session.Language ?? settings.Language;
    }

    /// <summary>A message this short in another language keeps the session's language.</summary>
    public const int MaxWordsThatKeepTheLanguage = 2;

    public EngineBot Bot { get; }
    public BotRequest Request { get; }
    public Account Account => Request.Account;
    public ContactInfo Contact => Request.Contact;
    public StoredMessage Message => Request.Message;
    public AccountEngineSettings Settings { get; }

    /// <summary>The time the engine started on this message.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The text the bot works with: the message text (sanitized by Core's rules) or the title of a chosen button.</summary>
    public string Text
    {
        get => _text;
        set
        {
            _text = value;
            _folded = null;
        }
    }

    /// <summary><see cref="Text"/> in matching form: lower case, no accents or punctuation.</summary>
    public string Folded => _folded ??= TextNormalizer.ForMatching(_text);

    /// <summary>The id of the reply button or list row the contact chose, if that is what came in.</summary>
    public string? ChoiceId { get; }

    /// <summary>"es", "en", ...: guessed from the message, else the session's, else the account's.</summary>
    public string Language { get; set; }

    /// <summary>The message itself showed its language (otherwise a recognised intent's language may set it).</summary>
    public bool LanguageFromMessage { get; }

    /// <summary>The session as stored before this message (null: none, another bot's, or unreadable).</summary>
    public BotSession? StoredSession { get; }

    public BotSession Session { get; set; }

    /// <summary>This message starts a session (first contact or after the idle timeout): the bot greets.</summary>
    public bool NewSession { get; set; }

    /// <summary>Set when a greeting is already among the replies.</summary>
    public bool Greeted { get; set; }

    /// <summary>The session is stored with the replies (set by the session stage and by anything that changes it).</summary>
    public bool SaveSession { get; set; }

    public IntentMatch? Intent { get; set; }

    public List<MessageContent> Replies { get; } = [];

    /// <summary>Sets the contact's opt-out; null keeps it.</summary>
    public bool? OptedOut { get; set; }

    /// <summary>Sets the conversation's state (<c>human</c> hands it to an operator); null keeps it.</summary>
    public string? ConversationState { get; set; }

    /// <summary>The conversation is with an operator: the bot stays silent.</summary>
    public bool TakenOver => Request.Conversation.State == ConversationInfo.HumanState;

    /// <summary>What answered: <c>flow:NAME</c>, <c>command:NAME</c>, <c>skill:NAME</c>, <c>intent</c>, <c>fallback</c>, or the stage that stopped the message.</summary>
    public string Route { get; set; } = "none";

    public string? Template { get; set; }
    public string? DataSource { get; set; }
    public string? Error { get; set; }

    /// <summary>Anything else worth keeping in the interaction log's context.</summary>
    public Dictionary<string, object?> Details { get; } = new(StringComparer.Ordinal);

    public void Reply(string text) => Replies.Add(MessageContent.FromText(text));

    public void Reply(MessageContent content) => Replies.Add(content);

    /// <summary>
    /// One of the engine's sentences (<see cref="EngineTexts"/>) in the contact's language: the account's
    /// override, else the bot's, else the engine's, with <c>{{customer_name}}</c> and <paramref name="values"/> filled in.
    /// </summary>
    public string Phrase(string key, IReadOnlyDictionary<string, string?>? values = null)
    {
        var text = Settings.Text(key, Language) ?? Bot.Phrase(key, Language) ?? EngineTexts.Get(key, Language);
        var all = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["customer_name"] = CustomerName ?? Settings.Text(EngineTexts.Friend, Language) ?? Bot.Phrase(EngineTexts.Friend, Language) ?? EngineTexts.Get(EngineTexts.Friend, Language),
            ["bot_name"] = Bot.Name,
        };
        foreach (var (k, v) in values ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        return TemplateFiller.RenderLenient(text, all);
    }

    /// <summary>The contact's profile name, cleaned for use in a message; null when unknown.</summary>
    public string? CustomerName => TemplateFiller.CleanValue(Contact.Name);

    /// <summary>Whether the whole message is one of <paramref name="words"/> (in any case, with or without accents, a leading '/').</summary>
    public bool Is(IEnumerable<string> words)
    {
        var choice = ChoiceId is null ? null : TextNormalizer.ForMatching(ChoiceId);
        foreach (var word in words)
        {
            var folded = TextNormalizer.ForMatching(word);
            if (folded.Length > 0 && (folded == Folded || folded == choice))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts a flow at <paramref name="step"/>; the next message goes to it.</summary>
    public void StartFlow(string flow, string step, IReadOnlyDictionary<string, string>? data = null)
    {
        Session.Flow = new FlowState
        {
            Name = flow,
            Step = step,
            StartedAt = Now.ToUnixTimeMilliseconds(),
            Data = data is null ? new(StringComparer.Ordinal) : new(data, StringComparer.Ordinal),
        };
        SaveSession = true;
    }

    public void EndFlow()
    {
        Session.Flow = null;
        SaveSession = true;
    }

    internal BotResult ToResult() => new()
    {
        Replies = [.. Replies],
        Session = SaveSession ? Session.Serialize() : null,
        OptedOut = OptedOut,
        ConversationState = ConversationState,
    };
}
