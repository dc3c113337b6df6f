using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Contacts;
using Parley.Core.Outbound.Policy;
using Parley.Core.Outbound.Sending;
using Parley.Core.Storage;
using Parley.Identity.Audit;

namespace Parley.Identity.Codes;

/// <summary>
/// One-time codes: limits, then a code hashed and sealed, then the message through Core's <see cref="OutboundSender"/>
/// with the code masked; checks by conditional update. Logs name the number masked and never the code.
/// </summary>
public sealed class OneTimeCodes(
    CodeStore store,
    CodeSecrets secrets,
    CodeDelivery delivery,
    OutboundSender sender,
    SignInAudit audit,
    IOptionsMonitor<IdentityOptions> options,
    TimeProvider time,
    ILogger<OneTimeCodes> logger,
    IdentityMetrics? metrics = null) : IOneTimeCodes
{
    public async Task<CodeRequestResult> RequestAsync(CodeRequest request, CancellationToken ct)
    {
        var channel = request.ClientIp is null ? SignInEvents.Chat : SignInEvents.Web;
        if (!PhoneNumber.TryParse(request.Phone, null, out var phone))
        {
            return Refuse(new CodeRequestResult.Refused(CodeRefusals.InvalidPhone,
                "'phone' must be a phone number in international form, like +15550001111.", Field: "phone"), null);
        }

        var e164 = phone.ToE164();
        var (plan, refused) = await delivery.PlanAsync(phone, request.Account, request.Language, ct);
        if (plan is null)
        {
            await audit.RecordAsync(channel, SignInEvents.CodeRefused, e164, request.ClientIp, detail: refused!.Reason, ct: ct);
            return Refuse(refused, e164);
        }

        var o = options.CurrentValue;
        var now = time.NowMs();
        var code = CodeSecrets.NewCode();
        var issued = await store.IssueAsync(e164, await secrets.HashAsync(e164, code, ct), secrets.Seal(code), plan.Account.Id, request.ClientIp,
            now, now + (long)o.CodeLifetime.TotalMilliseconds, now - (long)o.CodeWindow.TotalMilliseconds, o.CodesPerWindow, o.RequestsPerIp, ct);
        if (issued.Id is not { } codeId)
        {
            var usage = issued.Usage;
            var oldest = usage.ForPhone >= o.CodesPerWindow ? usage.OldestForPhone : usage.OldestForClient;
            var retryAfter = TimeSpan.FromMilliseconds(Math.Max(1000, (oldest ?? now) + (long)o.CodeWindow.TotalMilliseconds - now));
            var message = usage.ForPhone >= o.CodesPerWindow
                ? $"This number was sent {o.CodesPerWindow} codes in the last {Minutes(o.CodeWindow)}; try again in {Seconds(retryAfter)} seconds."
                : $"This client asked for {o.RequestsPerIp} codes in the last {Minutes(o.CodeWindow)}; try again in {Seconds(retryAfter)} seconds.";
            await audit.RecordAsync(channel, SignInEvents.CodeRefused, e164, request.ClientIp, detail: CodeRefusals.TooMany, ct: ct);
            return Refuse(new CodeRequestResult.Refused(CodeRefusals.TooMany, message, retryAfter, "phone"), e164);
        }

        var outcome = await sender.SendAsync(new SendCommand(plan.Account.Id, e164, plan.Content)
        {
            IdempotencyKey = CodeFiller.KeyFor(codeId),
            Source = CodeFiller.Source,
        }, ct);
        if (outcome is not SendOutcome.Accepted accepted)
        {
            await store.MarkUndeliveredAsync(codeId, ct);
            var why = outcome switch
            {
                SendOutcome.Refused r => new CodeRequestResult.Refused(
                    r.Code == OutboundPolicy.TemplateRequired ? CodeRefusals.NeedsTemplate : CodeRefusals.Undeliverable, r.Detail, Field: "phone"),
                SendOutcome.Invalid i => new CodeRequestResult.Refused(CodeRefusals.Undeliverable,
                    "The code could not be sent: " + string.Join(" ", i.Errors.Select(e => $"{e.Field}: {e.Message}")), Field: "account"),
                _ => new CodeRequestResult.Refused(CodeRefusals.Undeliverable, "The code could not be sent.", Field: "phone"),
            };
            await audit.RecordAsync(channel, SignInEvents.CodeRefused, e164, request.ClientIp, detail: why.Reason, ct: ct);
            return Refuse(why, e164);
        }

        await store.ActivateAsync(codeId, e164, accepted.MessageId, ct);
        metrics?.Sent(plan.Delivery);
        await audit.RecordAsync(channel, SignInEvents.CodeSent, e164, request.ClientIp, detail: $"{plan.Account.Id} {plan.Delivery}", ct: ct);
        logger.LogInformation("Sign-in code {CodeId} for {Phone} queued as message {MessageId} ({Delivery} via account {AccountId})",
            codeId, PhoneMask.Mask(e164), accepted.MessageId, plan.Delivery, plan.Account.Id);
        return new CodeRequestResult.Sent(Clock.FromMs(now) + o.CodeLifetime, accepted.MessageId);
    }

    public Task<CodeCheckResult> VerifyAsync(string phone, string code, CancellationToken ct) => VerifyAsync(phone, code, null, ct);

    public async Task<CodeCheckResult> VerifyAsync(string phone, string code, string? clientIp, CancellationToken ct)
    {
        var channel = clientIp is null ? SignInEvents.Chat : SignInEvents.Web;
        if (!PhoneNumber.TryParse(phone, null, out var parsed))
        {
            metrics?.Failed("dead");
            return new CodeCheckResult.Dead();
        }

        var e164 = parsed.ToE164();
        var o = options.CurrentValue;
        var current = await store.CurrentAsync(e164, ct);
        var now = time.NowMs();
        CodeCheckResult result;
        if (current is null || current.state != CodeStore.Live || current.tries >= o.MaxTries)
        {
            result = new CodeCheckResult.Dead();
        }
        else if (current.expires_at <= now)
        {
            result = new CodeCheckResult.Expired();
        }
        else if (CodeSecrets.Normalize(code) is { } typed && await secrets.MatchesAsync(e164, typed, current.code_hash, ct))
        {
            // Only one of two concurrent checks of the right code gets the row; the other finds it used.
            result = await store.ConsumeAsync(current.id, now, o.MaxTries, ct) ? new CodeCheckResult.Verified(e164) : new CodeCheckResult.Dead();
        }
        else
        {
            var tries = await store.FailTryAsync(current.id, o.MaxTries, ct);
            result = tries is { } t ? new CodeCheckResult.Wrong((int)Math.Max(0, o.MaxTries - t)) : new CodeCheckResult.Dead();
        }

        var (@event, reason) = result switch
        {
            CodeCheckResult.Verified => (SignInEvents.Verified, null),
            CodeCheckResult.Wrong => (SignInEvents.WrongCode, "wrong"),
            CodeCheckResult.Expired => (SignInEvents.ExpiredCode, "expired"),
            _ => (SignInEvents.DeadCode, "dead"),
        };
        if (reason is null)
        {
            metrics?.Verified();
        }
        else
        {
            metrics?.Failed(reason);
        }

        await audit.RecordAsync(channel, @event, e164, clientIp, ct: ct);
        logger.LogInformation("Sign-in code check for {Phone}: {Outcome}", PhoneMask.Mask(e164), @event);
        return result;
    }

    private CodeRequestResult.Refused Refuse(CodeRequestResult.Refused refused, string? phone)
    {
        metrics?.Refused(refused.Reason);
        logger.LogInformation("Sign-in code for {Phone} refused: {Reason}", PhoneMask.Mask(phone), refused.Reason);
        return refused;
    }

    private static string Minutes(TimeSpan t) => t.TotalMinutes is var m && m == Math.Floor(m) ? $"{m:0} minutes" : $"{t.TotalSeconds:0} seconds";

    private static string Seconds(TimeSpan t) => Math.Ceiling(t.TotalSeconds).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
