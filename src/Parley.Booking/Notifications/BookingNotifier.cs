using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Booking.Chat;
using Parley.Booking.Store;
using Parley.Core.Contacts;
using Parley.Core.Messaging;
using Parley.Core.Outbound.Sending;

namespace Parley.Booking.Notifications;

/// <summary>
/// Tells guests on WhatsApp about their bookings, only through Core's <see cref="OutboundSender"/>: a text inside the
/// 24-hour window, else the template named in settings (<c>ConfirmationTemplate</c>, <c>ReminderTemplate</c>) with the
/// reference, activity and time as body parameters; without one the guest sees it on the web and the log says so.
/// </summary>
public sealed class BookingNotifier(
    OutboundSender sender,
    ActivityCatalog activities,
    BookingFormat format,
    IOptions<BookingOptions> options,
    ILogger<BookingNotifier> logger)
{
    public const string Source = "booking";

    public async Task<SendOutcome> NotifyAsync(Model.Booking booking, BookingNotice notice, string? reason = null, CancellationToken ct = default)
    {
        var t = ResortTexts.For(booking.Language);
        var activity = await activities.FindAsync(booking.ActivityId, ct);
        var name = booking.ActivityNameIn(booking.Language);
        var when = format.When(booking.SlotStartsAt, booking.Language);
        var text = notice switch
        {
            BookingNotice.Confirmed => F(t.ConfirmedNotice, booking.Reference, name, when, booking.PartySize, t.Seats(booking.PartySize), activity?.MeetingPoint ?? ""),
            BookingNotice.Expired => F(t.ExpiredNotice, booking.Reference, name, when),
            BookingNotice.CancelledByResort => F(t.CancelledNotice, booking.Reference, name, when, reason ?? "-"),
            _ => F(t.ReminderNotice, booking.Reference, name, when, activity?.MeetingPoint ?? ""),
        };
        var account = booking.AccountId ?? options.Value.Account;
        // Idempotent per booking and notice: a job that runs twice (or two instances) queues one message.
        var key = $"{booking.Reference}:{notice}";
        var outcome = await sender.SendAsync(new SendCommand(account, booking.Phone, MessageContent.FromText(text)) { Source = Source, IdempotencyKey = key }, ct);
        if (outcome is SendOutcome.Refused { Code: Parley.Core.Outbound.Policy.OutboundPolicy.TemplateRequired })
        {
            var template = notice == BookingNotice.Reminder ? options.Value.ReminderTemplate : options.Value.ConfirmationTemplate;
            if (!string.IsNullOrWhiteSpace(template))
            {
                outcome = await sender.SendAsync(new SendCommand(account, booking.Phone, new MessageContent
                {
                    Type = MessageTypes.Template,
                    Template = new TemplateContent(template, booking.Language) { BodyParameters = [booking.Reference, name, when] },
                }) { Source = Source, IdempotencyKey = key + ":template" }, ct);
            }
        }

        if (outcome is not SendOutcome.Accepted)
        {
            logger.LogWarning("Booking {Reference}: the {Notice} message to {Phone} was not sent: {Outcome}", booking.Reference, notice, PhoneMask.Mask(booking.Phone), outcome);
        }

        return outcome;
    }

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
