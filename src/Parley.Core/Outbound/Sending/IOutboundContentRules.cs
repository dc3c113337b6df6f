using Parley.Core.Accounts;
using Parley.Core.Messaging;

namespace Parley.Core.Outbound.Sending;

/// <summary>One problem with a message to send, named by its field in the send request (<c>text</c>, <c>interactive.buttons[1].title</c>).</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// Checks a message before it is queued, so a caller hears about a mistake at once instead of as a failed status later.
/// <see cref="BasicContentRules"/> holds WhatsApp's own limits; providers add theirs by registering another implementation.
/// </summary>
public interface IOutboundContentRules
{
    IEnumerable<FieldError> Validate(Account account, MessageContent content);
}
