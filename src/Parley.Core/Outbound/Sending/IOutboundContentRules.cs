using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Outbound.Sending;

/// <summary>
/// Checks a message before it is queued, so a caller hears about a mistake at once instead of as a failed status later.
/// <see cref="WhatsAppContentRules"/> holds WhatsApp's own limits; providers add theirs by registering another implementation.
/// </summary>
public interface IOutboundContentRules
{
    IEnumerable<FieldError> Validate(Account account, MessageContent content);
}
