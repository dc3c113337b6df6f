using Parley.Core.Accounts;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Validation;

namespace Parley.Core.Outbound.Sending;

/// <summary>WhatsApp's own limits (<see cref="OutboundValidator"/>), with the account's provider's text limit.</summary>
public sealed class WhatsAppContentRules : IOutboundContentRules
{
    /// <summary>Twilio refuses WhatsApp bodies over 1,600 characters (its Messages API limit), tighter than WhatsApp's 4,096.</summary>
    public const int TwilioTextMaxLength = 1600;

    public IEnumerable<FieldError> Validate(Account account, MessageContent content)
    {
        var maxText = account.Provider == Providers.Twilio ? TwilioTextMaxLength : OutboundLimits.TextMaxLength;
        return OutboundValidator.Validate(content, maxText).Select(e => new FieldError(e.Field, e.Message));
    }
}
