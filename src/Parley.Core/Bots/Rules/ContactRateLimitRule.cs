using Microsoft.Extensions.Logging;
using Parley.Core.Bots.Rules.RateLimiting;
using Parley.Core.Contacts;
using Parley.Core.Messaging;

namespace Parley.Core.Bots.Rules;

/// <summary>
/// At most <c>RateLimit:Messages</c> messages per contact per <c>RateLimit:Window</c> reach the bot (10 per minute by
/// default), so one number cannot spend the model budget. The first message past the limit gets one polite notice; the
/// next ones get nothing until the window has room again. The messages themselves are stored either way.
/// </summary>
public sealed class ContactRateLimitRule(IContactRateLimiter limiter, ILogger<ContactRateLimitRule> logger) : IBotRule
{
    public string Name => "rate-limit";

    public async ValueTask<BotResult?> ApplyAsync(BotRuleContext context, CancellationToken ct)
    {
        var settings = context.Settings;
        // A dry run (the API's trial) is not counted.
        if (settings.RateLimitMessages <= 0 || context.Request.DryRun)
        {
            return null;
        }

        var request = context.Request;
        var message = request.Message;
        var decision = await limiter.CheckAsync(
            new RateLimitRequest(request.Account.Id, request.Contact.Id, message.Id, message.CreatedAt, settings.RateLimitMessages, settings.RateLimitWindow), ct);
        if (decision == RateLimitDecision.Allowed)
        {
            return null;
        }

        if (decision == RateLimitDecision.Limited)
        {
            return BotResult.Silent;
        }

        logger.LogInformation("Contact {Contact} of account {AccountId} passed {Limit} messages per {Window}; quiet until the window passes",
            PhoneMask.Mask(request.Contact.WaId), request.Account.Id, settings.RateLimitMessages, settings.RateLimitWindow);
        return BotResult.Reply(MessageContent.FromText(context.Phrase(BotRuleTexts.RateLimited)));
    }
}
