using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Sending;
using Parley.Core.Outbound.Validation;

namespace Parley.Core.Outbound.Policy;

/// <summary>
/// The rules every outgoing message passes, whoever queues it — the API, the CLI and the admin through
/// <see cref="OutboundSender"/>, the bots' replies through <see cref="Inbound.InboundProcessor"/> — and the window rule
/// the worker checks again when it sends: a blocked contact gets nothing, an opted-out contact gets nothing, only a
/// template may be sent once the contact's last message is older than WhatsApp's customer service window, and the
/// content must fit the account's channel. A rule added here holds for every path at once.
/// </summary>
public sealed class OutboundPolicy(
    ChannelCatalog channels,
    IEnumerable<IOutboundContentRules> rules,
    IOptions<OutboundOptions> options,
    TimeProvider time)
{
    public const string TemplateRequired = "template_required";
    public const string ContactOptedOut = "contact_opted_out";
    public const string ContactBlocked = "contact_blocked";

    /// <summary>Why a message of <paramref name="contentType"/> may not go to this contact now; null when it may.</summary>
    public SendOutcome.Refused? Refusal(OutboundRecipient recipient, string contentType)
    {
        if (recipient.Blocked)
        {
            return new SendOutcome.Refused(ContactBlocked, "Contact blocked", "This contact is blocked; unblock them before sending.");
        }

        if (recipient.OptedOut)
        {
            return new SendOutcome.Refused(ContactOptedOut, "Contact opted out", "This contact asked to receive no more messages.");
        }

        return WindowRefusal(recipient.LastInboundAt, contentType);
    }

    /// <summary>
    /// WhatsApp accepts free-form messages only within the customer service window (<c>Parley:Outbound:CustomerServiceWindow</c>,
    /// 24 hours) after the contact's last message; a template may always be sent. Null when the message may go.
    /// </summary>
    public SendOutcome.Refused? WindowRefusal(DateTimeOffset? lastInboundAt, string contentType)
    {
        if (contentType == MessageTypes.Template)
        {
            return null;
        }

        var window = options.Value.CustomerServiceWindow;
        if (lastInboundAt is { } last && time.GetUtcNow() - last <= window)
        {
            return null;
        }

        return new SendOutcome.Refused(TemplateRequired, "A template is needed",
            lastInboundAt is null
                ? "The contact has never written to this account, so WhatsApp accepts only a template message (type 'template')."
                : $"The contact last wrote at {lastInboundAt.Value:u}, more than {window.TotalHours:0} hours ago (WhatsApp's customer service window), so only a template message (type 'template') may be sent.");
    }

    /// <summary>What is wrong with the content for the account's channel (WhatsApp's limits and each provider's).</summary>
    public IReadOnlyList<FieldError> ContentErrors(Account account, MessageContent content) =>
        rules.SelectMany(r => r.Validate(account, content)).ToList();

    /// <summary>
    /// A bot's reply as the messages to queue: a text longer than the channel takes is split at paragraph, sentence or
    /// word boundaries (a person would rather read two messages than none); anything else is queued as it is.
    /// </summary>
    public IReadOnlyList<MessageContent> Shape(Account account, MessageContent content)
    {
        if (content.Type != MessageTypes.Text || content.Text is not { } text)
        {
            return [content];
        }

        var max = channels.For(account.Provider)?.Capabilities.MaxTextLength ?? OutboundLimits.TextMaxLength;
        return text.Length <= max ? [content] : TextSplitter.Split(text, max).Select(part => content with { Text = part }).ToList();
    }
}
