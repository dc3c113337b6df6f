using Parley.Core.Messaging;

namespace Parley.Core.Outbound.Sending;

public abstract record SendOutcome
{
    /// <summary>Queued (or found queued under the same idempotency key: <paramref name="Created"/> false).</summary>
    public sealed record Accepted(long MessageId, MessageStatus Status, bool Created) : SendOutcome;

    /// <summary>The request is wrong; each error names its field.</summary>
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : SendOutcome;

    /// <summary>The request is well formed but WhatsApp's rules forbid it now (closed 24-hour window, opted-out contact).</summary>
    public sealed record Refused(string Code, string Title, string Detail) : SendOutcome;
}
