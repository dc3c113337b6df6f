using System.Security.Cryptography;

namespace Parley.Booking.Store;

/// <summary>Short booking references a guest can read out and type: <c>R</c> and six characters without look-alikes (0/O, 1/I/L).</summary>
public static class BookingReferences
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string New() => "R" + RandomNumberGenerator.GetString(Alphabet, 6);

    /// <summary>The reference as stored: upper case, without spaces or a leading <c>#</c>.</summary>
    public static string Normalize(string reference) => reference.Trim().TrimStart('#').Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
