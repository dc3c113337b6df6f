namespace Parley.Booking.Import;

/// <summary>Tells a real JPEG or PNG by its first bytes (an upload's name or declared type proves nothing).</summary>
public static class ImageSniffer
{
    public static string? MimeType(ReadOnlySpan<byte> head) =>
        head.Length >= 8 && head[..8].SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF ? "image/jpeg"
        : null;
}
