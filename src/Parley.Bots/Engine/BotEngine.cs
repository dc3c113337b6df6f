using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Bots.Engine.Interactions;
using Parley.Bots.Engine.Stages;
using Parley.Core.Text;
using Parley.Core.Accounts;
using Parley.Core.Bots;
using Parley.Core.Contacts;
using Parley.Core.Messaging;

namespace Parley.Bots.Engine;

/// <summary>
/// Runs a message through the stages (in registration order, until one stops it), turns the outcome into
/// the <see cref="BotResult"/> the core stores in one transaction, and records the interaction. Shared by
/// every <see cref="EngineBot"/>.
/// </summary>
public sealed class BotEngine(
    IEnumerable<IBotStage> stages,
    InteractionLog interactions,
    IOptions<EngineOptions> options,
    TimeProvider time,
    ILogger<BotEngine> logger)
{
    private readonly IBotStage[] _stages = [.. stages];

    // Parsed once per account object; the registry hands out a new object when the account changes.
    private readonly ConditionalWeakTable<Account, AccountEngineSettings> _settings = [];

    public IReadOnlyList<IBotStage> Stages => _stages;

    /// <summary>The account's engine settings over the defaults; throws with the key's name when one is wrong.</summary>
    public AccountEngineSettings SettingsFor(Account account, EngineBot bot) =>
        _settings.GetValue(account, a => AccountEngineSettings.From(a, options.Value, bot));

    public async Task<BotResult> RunAsync(EngineBot bot, BotRequest request, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        AccountEngineSettings settings;
        try
        {
            settings = SettingsFor(request.Account, bot);
        }
        catch (InvalidOperationException ex)
        {
            // Checked at start; an account changed since then still gets answers, with the defaults.
            logger.LogError(ex, "Account {AccountId} has a wrong engine setting; using the defaults", request.Account.Id);
            settings = AccountEngineSettings.From(request.Account with { Settings = new Dictionary<string, string>() }, options.Value, bot);
        }

        var context = new BotContext(bot, request, settings, time.GetUtcNow());
        var success = true;
        try
        {
            foreach (var stage in _stages)
            {
                if (await stage.RunAsync(context, ct) == StageOutcome.Stop)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The contact gets an apology rather than silence or a retry that would run side effects twice.
            success = false;
            logger.LogError(ex, "Bot {Bot} failed on message {MessageId} from {Contact} at route {Route}",
                bot.Name, request.Message.Id, PhoneMask.Mask(request.Contact.WaId), context.Route);
            context.Error = $"{ex.GetType().Name}: {ex.Message}";
            context.Route = "error";
            context.Replies.Clear();
            context.SaveSession = false;
            if (!context.TakenOver)
            {
                context.Reply(context.Phrase(EngineTexts.Error));
            }
        }

        var result = context.ToResult();
        var elapsed = time.GetElapsedTime(started);
        logger.LogDebug("Bot {Bot} routed message {MessageId} from {Contact} to {Route} ({Intent}) with {Replies} replies in {Elapsed} ms",
            bot.Name, request.Message.Id, PhoneMask.Mask(request.Contact.WaId), context.Route, context.Intent?.Intent, result.Replies.Count, elapsed.TotalMilliseconds);
        if (!request.DryRun)
        {
            await interactions.WriteAsync(Record(context, elapsed, success), ct);
        }

        return result;
    }

    private static InteractionRecord Record(BotContext context, TimeSpan elapsed, bool success)
    {
        var details = new Dictionary<string, object?>(context.Details, StringComparer.Ordinal)
        {
            ["session"] = context.Session.Id,
            ["newSession"] = context.NewSession,
        };
        if (context.Session.Flow is { } flow)
        {
            details["activeFlow"] = $"{flow.Name}/{flow.Step}";
        }

        if (context.Intent is { } intent)
        {
            details["matchedPhrase"] = intent.MatchedPhrase;
        }

        return new InteractionRecord
        {
            AccountId = context.Account.Id,
            Bot = context.Bot.Name,
            ConversationId = context.Request.Conversation.Id,
            ContactId = context.Contact.Id,
            Contact = context.Contact.WaId,
            MessageId = context.Message.Id,
            Text = TextNormalizer.Sanitize(context.Text, InteractionLog.MaxTextLength),
            Language = context.Language,
            Route = context.Route,
            Intent = context.Intent?.Intent,
            Confidence = context.Intent?.Confidence,
            Template = context.Template,
            DataSource = context.DataSource,
            Response = context.Replies.Count == 0 ? null : string.Join("\n\n", context.Replies.Select(RoutingStage.Describe)),
            ProcessingMs = (long)Math.Round(elapsed.TotalMilliseconds),
            Success = success,
            Error = context.Error,
            Context = JsonSerializer.Serialize(details, ParleyJson.Options),
            CreatedAt = context.Now,
        };
    }
}
