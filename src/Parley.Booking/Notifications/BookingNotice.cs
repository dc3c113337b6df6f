namespace Parley.Booking.Notifications;

/// <summary>What the guest is told on WhatsApp when a booking changes without them in the chat.</summary>
public enum BookingNotice
{
    /// <summary>Confirmed on the web or by an operator.</summary>
    Confirmed,

    /// <summary>The hold ran out; the seats were released.</summary>
    Expired,

    /// <summary>An operator cancelled it.</summary>
    CancelledByResort,

    /// <summary>The day before.</summary>
    Reminder,
}
