using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Contacts;
using Parley.Core.Conversations;
using Parley.Core.Messaging;
using Parley.Core.Outbound;
using Parley.Core.Templates;

namespace Parley.Identity.Codes;

/// <summary>
/// Chooses how a code reaches a number: the account that serves it (the one named, else the one it last talked to, else
/// <c>Parley:Identity:Account</c>, else the only enabled account); as text inside WhatsApp's 24-hour window; outside it
/// as the account's approved AUTHENTICATION template (<c>Parley:Accounts:{n}:Identity:Template</c>: <c>name</c> or
/// <c>name:language</c>; for Twilio the Content SID <c>HX…</c> works too), with the code as the body parameter and,
/// except on Twilio whose Content template holds its own button, as the copy-code (URL) button's parameter. The sandbox
/// takes a message at any time. The content carries the code masked; <see cref="CodeFiller"/> puts it in at send time.
/// </summary>
public sealed partial class CodeDelivery(
    AccountRegistry accounts,
    ConversationQueries conversations,
    IOptions<OutboundOptions> outbound,
    IOptionsMonitor<IdentityOptions> options,
    TemplateWriter templates,
    TimeProvider time)
{
    public const string TemplateSetting = "Identity:Template";
    public const string Text = "text";
    public const string Template = "template";

    /// <summary>
    /// The catalogue name of the sign-in template when the setting gives none: the sandbox's (outside the window) and a
    /// Twilio Content SID's (template names are lower case; the SID goes in the provider template id).
    /// </summary>
    public const string DefaultTemplateName = "parley_sign_in_code";

    // Provider names as the channels declare them (Identity does not reference the channels).
    private const string Sandbox = "sandbox";
    private const string Twilio = "twilio";

    [GeneratedRegex("^HX[0-9a-fA-F]{32}$")]
    private static partial Regex ContentSid();

    /// <summary>The plan, or the refusal that says what is missing.</summary>
    public async Task<(DeliveryPlan? Plan, CodeRequestResult.Refused? Refused)> PlanAsync(PhoneNumber phone, string? accountId, string? language, CancellationToken ct)
    {
        var account = await AccountAsync(phone, accountId, ct);
        if (account is null)
        {
            return (null, new CodeRequestResult.Refused(CodeRefusals.NoAccount, accountId is null
                ? "No account to send the code from: name one in 'account', or set Parley:Identity:Account."
                : $"No enabled account '{accountId}'.", Field: "account"));
        }

        var lifetime = options.CurrentValue.CodeLifetime;
        var sender = account.DisplayName is { Length: > 0 } displayName ? displayName : "Parley";
        var text = IdentityTexts.CodeMessage(language, sender, CodeSecrets.Mask, lifetime);
        var lastInbound = await conversations.LastInboundAsync(account.Id, phone.WaId, ct);
        var open = lastInbound is { } last && time.GetUtcNow() - last <= outbound.Value.CustomerServiceWindow;
        if (open)
        {
            return (new DeliveryPlan(account, MessageContent.FromText(text), Text), null);
        }

        var setting = account.Setting(TemplateSetting);
        if (setting is null)
        {
            if (string.Equals(account.Provider, Sandbox, StringComparison.OrdinalIgnoreCase))
            {
                // The simulated phone takes anything; a template keeps the outbound queue's 24-hour rule satisfied.
                var lang = IdentityTexts.Language(language);
                await CatalogueAsync(account, DefaultTemplateName, lang, null, IdentityTexts.CodeMessage(lang, sender, "{{1}}", lifetime), ct);
                var simulated = new TemplateContent(DefaultTemplateName, lang) { BodyParameters = [CodeSecrets.Mask], RenderedText = text };
                return (new DeliveryPlan(account, new MessageContent { Type = MessageTypes.Template, Template = simulated }, Template), null);
            }

            return (null, new CodeRequestResult.Refused(CodeRefusals.NeedsTemplate,
                $"The number has not written to account '{account.Id}' in the last {outbound.Value.CustomerServiceWindow.TotalHours:0} hours, so WhatsApp " +
                $"accepts only an approved template, and the account has no sign-in template: create an AUTHENTICATION template " +
                $"with a copy-code button and name it in Parley:Accounts:{{n}}:Identity:Template.", Field: "phone"));
        }

        var parts = setting.Split(':', 2, StringSplitOptions.TrimEntries);
        var templateLanguage = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : IdentityTexts.Language(language);
        var isTwilio = string.Equals(account.Provider, Twilio, StringComparison.OrdinalIgnoreCase);
        var contentSid = ContentSid().IsMatch(parts[0]) ? parts[0] : null;
        var name = contentSid is null ? parts[0] : DefaultTemplateName;
        await CatalogueAsync(account, name, templateLanguage, contentSid, IdentityTexts.AuthenticationTemplateBody(templateLanguage), ct);
        var template = new TemplateContent(name, templateLanguage)
        {
            BodyParameters = [CodeSecrets.Mask],
            Buttons = isTwilio ? null : [new TemplateButtonParameter(0, "url", CodeSecrets.Mask)],
            ProviderTemplateId = contentSid,
            RenderedText = text,
        };
        return (new DeliveryPlan(account, new MessageContent { Type = MessageTypes.Template, Template = template }, Template), null);
    }

    /// <summary>
    /// Puts the sign-in template in the account's template catalogue (as Identity's own row) unless the catalogue has it
    /// already, for instance synced from Meta with its real status: the outbound path sends only catalogued templates.
    /// </summary>
    private Task CatalogueAsync(Account account, string name, string language, string? providerTemplateId, string body, CancellationToken ct) =>
        templates.UpsertSyncedAsync(new TemplateRecord(account.Id, name, language, CodeFiller.Source)
        {
            Category = "AUTHENTICATION",
            Status = "local",
            ProviderTemplateId = providerTemplateId,
            Body = body,
        }, ct);

    private async Task<Account?> AccountAsync(PhoneNumber phone, string? accountId, CancellationToken ct)
    {
        if (accountId is not null)
        {
            return await accounts.FindAsync(accountId, ct) is { Enabled: true } named ? named : null;
        }

        var last = await conversations.HistoryAsync(phone.WaId, null, 1, ct);
        if (last.Count > 0 && await accounts.FindAsync(last[0].AccountId, ct) is { Enabled: true } talking)
        {
            return talking;
        }

        if (options.CurrentValue.Account is { Length: > 0 } configured)
        {
            return await accounts.FindAsync(configured, ct) is { Enabled: true } found ? found : null;
        }

        var enabled = (await accounts.ListAsync(ct)).Where(a => a.Enabled).ToList();
        return enabled.Count == 1 ? enabled[0] : null;
    }
}
