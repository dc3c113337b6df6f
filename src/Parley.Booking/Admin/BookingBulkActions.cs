using Parley.Booking.Model;
using Parley.Booking.Notifications;
using Parley.Booking.Store;
using Parley.Core.Outbound.Sending;

namespace Parley.Booking.Admin;

/// <summary>
/// An operator confirms or cancels several bookings at once: each goes through <see cref="BookingLedger"/> (the one place
/// that moves seats; the history records <c>operator:NAME</c> and the reason) and each guest whose booking changed is told
/// on WhatsApp through <see cref="BookingNotifier"/>. One booking that cannot change does not stop the others.
/// </summary>
public sealed class BookingBulkActions(BookingLedger ledger, BookingNotifier notifier)
{
    /// <summary>The most bookings one action changes (a page of the admin's list).</summary>
    public const int MaxBookings = 500;

    public async Task<IReadOnlyList<BulkOutcome>> ConfirmAsync(IReadOnlyCollection<string> references, string operatorName, CancellationToken ct = default)
    {
        if (Refusal(references, operatorName) is { } refused)
        {
            return refused;
        }

        var outcomes = new List<BulkOutcome>();
        foreach (var reference in references.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var before = await ledger.FindAsync(reference, null, ct);
            var result = await ledger.ConfirmAsync(reference, null, BookingActor.Operator(operatorName), ct);
            if (!result.Ok)
            {
                outcomes.Add(new(reference, false, result.Error!.Message));
            }
            else if (before?.State == BookingState.Confirmed)
            {
                outcomes.Add(new(result.Booking!.Reference, false, "was already confirmed; nothing changed."));
            }
            else
            {
                var sent = await notifier.NotifyAsync(result.Booking!, BookingNotice.Confirmed, ct: ct);
                outcomes.Add(new(result.Booking!.Reference, true, "confirmed; " + Told(sent)));
            }
        }

        return outcomes;
    }

    /// <summary>Cancels pending or confirmed bookings (an operator may cancel until the activity, past the guests' deadline) and tells each guest why.</summary>
    public async Task<IReadOnlyList<BulkOutcome>> CancelAsync(IReadOnlyCollection<string> references, string operatorName, string? reason, CancellationToken ct = default)
    {
        if (Refusal(references, operatorName) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return references.Select(r => new BulkOutcome(r, false, "Give a reason: the guest is told why their booking was cancelled.")).ToList();
        }

        var outcomes = new List<BulkOutcome>();
        foreach (var reference in references.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var result = await ledger.CancelAsync(reference, null, BookingActor.Operator(operatorName), reason.Trim(), force: true, ct);
            if (!result.Ok)
            {
                outcomes.Add(new(reference, false, result.Error!.Message));
                continue;
            }

            var sent = await notifier.NotifyAsync(result.Booking!, BookingNotice.CancelledByResort, reason.Trim(), ct);
            outcomes.Add(new(result.Booking!.Reference, true, "cancelled; " + Told(sent)));
        }

        return outcomes;
    }

    private static List<BulkOutcome>? Refusal(IReadOnlyCollection<string> references, string operatorName)
    {
        if (string.IsNullOrWhiteSpace(operatorName))
        {
            throw new ArgumentException("The operator's name is recorded in each booking's history.", nameof(operatorName));
        }

        return references.Count > MaxBookings
            ? [new BulkOutcome("", false, $"{references.Count} bookings is more than {MaxBookings} at once: narrow the filter.")]
            : null;
    }

    private static string Told(SendOutcome sent) => sent is SendOutcome.Accepted
        ? "the guest is notified on WhatsApp."
        : "the guest could not be notified on WhatsApp (outside the 24-hour window without a template, or the send was refused); they see it on the web.";
}
