using Microsoft.Extensions.Logging;
using Parley.Bots.Engine.RateLimiting;
using Parley.Core.Contacts;

namespace Parley.Bots.Engine.Stages;

/// <summary>
/// At most <c>RateLimit:Messages</c> messages per contact per <c>RateLimit:Window</c> are answered. The first
/// message past the limit gets one polite notice; the next ones get nothing until the window has room
/// again. The messages themselves are stored either way (the core stored them before the bot ran).
/// </summary>
public sealed class RateLimitStage(IContactRateLimiter limiter, ILogger<RateLimitStage> logger) : IBotStage
{
    public string Name => "rate-limit";

    public async ValueTask<StageOutcome> RunAsync(BotContext context, CancellationToken ct)
    {
        var settings = context.Settings;
        if (settings.RateLimitMessages <= 0 || context.Request.DryRun)
        {
            return StageOutcome.Continue;
        }

        var message = context.Message;
        var decision = await limiter.CheckAsync(
            new RateLimitRequest(context.Account.Id, context.Contact.Id, message.Id, message.CreatedAt, settings.RateLimitMessages, settings.RateLimitWindow), ct);
        if (decision == RateLimitDecision.Allowed)
        {
            return StageOutcome.Continue;
        }

        context.Route = "rate_limited";
        if (decision == RateLimitDecision.LimitedNotify)
        {
            logger.LogInformation("Contact {Contact} of account {AccountId} passed {Limit} messages per {Window}; quiet until the window passes",
                PhoneMask.Mask(context.Contact.WaId), context.Account.Id, settings.RateLimitMessages, settings.RateLimitWindow);

            // During a takeover the operator answers; the bot says nothing at all.
            if (!context.TakenOver)
            {
                context.Reply(context.Phrase(EngineTexts.RateLimited));
            }
        }

        return StageOutcome.Stop;
    }
}
