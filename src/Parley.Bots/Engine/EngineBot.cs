using Parley.Bots.Engine.Flows;
using Parley.Bots.Engine.Skills;
using Parley.Core.Bots;
using Parley.Core.Messaging;

namespace Parley.Bots.Engine;

/// <summary>
/// A bot built on the engine: every message, once Core's rules let it through, goes through the engine's stages
/// (session, takeover, routing), and routing asks this bot's flows, commands and skills, then its
/// declared intents (answered by templates), then the fallback. A bot is a folder with a class like
/// <code>
/// public sealed class HelloBot(BotEngine engine) : EngineBot(engine)
/// {
///     public override string Name => "hello";
///     public override string Description => "Answers the intents of hello.yaml.";
/// }
/// </code>
/// registered with <c>services.AddBot&lt;HelloBot&gt;()</c>; its intents, templates and data sources come from
/// a YAML file (<c>bots import</c>) or from <see cref="OpenBuiltInDefinitions"/>, and its code-first parts
/// from the members below.
/// </summary>
public abstract class EngineBot(BotEngine engine) : ITakeoverAwareBot
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    /// <summary>The language of contacts who have not shown theirs yet (an account's <c>Language</c> overrides it).</summary>
    public virtual string DefaultLanguage => "en";

    /// <summary>The languages the bot answers in; a message in another one is answered in the session's language.</summary>
    public virtual IReadOnlyList<string> Languages { get; } = ["en", "es"];

    /// <summary>IANA time zone for dates in answers (an account's <c>TimeZone</c> overrides it); null: UTC.</summary>
    public virtual string? DefaultTimeZone => null;

    /// <summary>The bot's own commands, tried before the built-in ones (help, menu, reset, greetings), which they may replace by word.</summary>
    public virtual IReadOnlyList<CommandSkill> Commands { get; } = [];

    /// <summary>Code-first skills, tried after commands (the message's intent is known by then) and before declared intents.</summary>
    public virtual IReadOnlyList<ISkill> Skills { get; } = [];

    /// <summary>The multi-step flows a skill may start.</summary>
    public virtual IReadOnlyList<Flow> Flows { get; } = [];

    /// <summary>The entries of <c>menu</c> and <c>help</c>; each id is an intent name or a command word.</summary>
    public virtual IReadOnlyList<MenuItem> Menu(string language) => [];

    /// <summary>The bot's version of one of the engine's sentences (<see cref="EngineTexts"/>), or null for the engine's.</summary>
    public virtual string? Phrase(string key, string language) => null;

    /// <summary>The first message of a session.</summary>
    public virtual MessageContent Greeting(BotContext context) => MessageContent.FromText(context.Phrase(EngineTexts.Greeting));

    /// <summary>
    /// Intents, templates and data sources shipped with the bot, in the YAML format of <c>bots import</c>.
    /// They are imported at every start; rows a person changed (imported or edited) are never overwritten.
    /// </summary>
    public virtual Stream? OpenBuiltInDefinitions() => null;

    public bool Speaks(string language) =>
        Languages.Any(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase)
            || language.StartsWith(l + "-", StringComparison.OrdinalIgnoreCase)
            || language.StartsWith(l + "_", StringComparison.OrdinalIgnoreCase));

    public Task<BotResult> HandleAsync(BotRequest request, CancellationToken ct) => engine.RunAsync(this, request, ct);
}
