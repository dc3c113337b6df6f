using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;

namespace Parley.Core.Bots.Rules;

/// <summary>
/// The one door to every bot: the core hands each message here, the rules (<see cref="IBotRule"/>, in registration
/// order: blocked contacts, allow-list, opt-out, takeover, rate limit, sanitizer, session timeout) decide whether and
/// what the bot sees, then the bot answers. The assistant, the echo bot, the engine's bots and any module's bot are
/// protected alike, and none can skip a rule by forgetting it.
/// </summary>
public sealed class BotRules(
    IEnumerable<IBotRule> rules,
    IEnumerable<IBotWorkingNotice> notices,
    IOptions<BotRulesOptions> options,
    TimeProvider time,
    ILogger<BotRules> logger)
{
    private readonly IBotRule[] _rules = [.. rules];
    private readonly IBotWorkingNotice[] _notices = [.. notices];

    // Parsed once per account object; the registry hands out a new object when the account changes.
    private readonly ConditionalWeakTable<Account, BotRuleSettings> _settings = [];

    public IReadOnlyList<IBotRule> Rules => _rules;

    /// <summary>The account's rule settings over the defaults; throws with the key's name when one is wrong.</summary>
    public BotRuleSettings SettingsFor(Account account) =>
        _settings.GetValue(account, a => BotRuleSettings.From(a, options.Value));

    /// <summary>Runs the rules, then (unless one decided the message) <paramref name="bot"/>.</summary>
    public async Task<BotResult> HandleAsync(IBot bot, BotRequest request, CancellationToken ct)
    {
        BotRuleSettings settings;
        try
        {
            settings = SettingsFor(request.Account);
        }
        catch (InvalidOperationException ex)
        {
            // Checked at start; an account changed since then is still protected, with the defaults.
            logger.LogError(ex, "Account {AccountId} has a wrong rule setting; using the defaults", request.Account.Id);
            settings = BotRuleSettings.From(request.Account with { Settings = new Dictionary<string, string>() }, options.Value);
        }

        var context = new BotRuleContext(bot, request, settings, time.GetUtcNow());
        foreach (var rule in _rules)
        {
            if (await rule.ApplyAsync(context, ct) is { } decided)
            {
                logger.LogDebug("Rule {Rule} decided message {MessageId} for bot {Bot} with {Replies} replies", rule.Name, request.Message.Id, bot.Name, decided.Replies.Count);
                return decided;
            }
        }

        foreach (var notice in request.DryRun ? [] : _notices)
        {
            _ = AnnounceAsync(notice, context.Request, ct);
        }

        return await bot.HandleAsync(context.Request, ct);
    }

    private async Task AnnounceAsync(IBotWorkingNotice notice, BotRequest request, CancellationToken ct)
    {
        try
        {
            await notice.BotStartedAsync(request.Account, request.Message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not show that the bot works on message {MessageId} of account {AccountId}", request.Message.Id, request.Account.Id);
        }
    }
}
