using Parley.Core.Accounts;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Validation;

namespace Parley.Core.Outbound.Sending;

/// <summary>WhatsApp's own limits (<see cref="OutboundValidator"/>), with the text limit of the account's channel.</summary>
public sealed class WhatsAppContentRules(ChannelCatalog channels) : IOutboundContentRules
{
    public IEnumerable<FieldError> Validate(Account account, MessageContent content)
    {
        var maxText = channels.For(account.Provider)?.Capabilities.MaxTextLength ?? OutboundLimits.TextMaxLength;
        return OutboundValidator.Validate(content, maxText).Select(e => new FieldError(e.Field, e.Message));
    }
}
