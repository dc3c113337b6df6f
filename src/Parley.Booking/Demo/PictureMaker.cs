using System.Buffers.Binary;
using System.IO.Compression;

namespace Parley.Booking.Demo;

/// <summary>
/// Paints the demo resort's pictures (PNG, made here: no downloads): a sky-to-sea gradient in the activity's colours, a
/// sun, waves or hills, so each activity has a recognisable, honest placeholder image.
/// </summary>
public static class PictureMaker
{
    public const int Width = 640;
    public const int Height = 400;

    /// <summary>
    /// The same arguments paint the same picture: kept once per process, since every fresh database imports the demo's
    /// pictures (a test suite starts hundreds) and painting is pixel-by-pixel work. Callers only read the bytes.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int Top, int Bottom, int Accent, bool Waves, int Seed), byte[]> Painted = new();

    /// <param name="top">Sky colour (RGB).</param>
    /// <param name="bottom">Ground or sea colour (RGB).</param>
    /// <param name="accent">Sun colour (RGB).</param>
    /// <param name="waves">Waves (true) or hills (false) across the bottom.</param>
    public static byte[] Paint(int top, int bottom, int accent, bool waves, int seed) =>
        Painted.GetOrAdd((top, bottom, accent, waves, seed), k => PaintNew(k.Top, k.Bottom, k.Accent, k.Waves, k.Seed));

    private static byte[] PaintNew(int top, int bottom, int accent, bool waves, int seed)
    {
        var rgb = new byte[Height * ((Width * 3) + 1)];
        var sunX = 120 + (seed * 97 % 400);
        var sunY = 90 + (seed * 31 % 60);
        for (var y = 0; y < Height; y++)
        {
            var row = y * ((Width * 3) + 1);
            rgb[row] = 0; // filter: none
            var horizon = (Height * 0.58) + (waves ? 10 * Math.Sin((y + seed) * 0.05) : 0);
            for (var x = 0; x < Width; x++)
            {
                var edge = waves
                    ? horizon + (8 * Math.Sin((x * 0.04) + seed)) + (4 * Math.Sin((x * 0.11) + (seed * 2)))
                    : (Height * 0.62) - (60 * Math.Sin((x * 0.008) + seed)) - (25 * Math.Sin((x * 0.021) + (seed * 3)));
                int colour;
                if (y < edge)
                {
                    var t = y / edge;
                    colour = Mix(top, Lighten(top, 0.45), t);
                    var d = Math.Sqrt(((x - sunX) * (x - sunX)) + ((y - sunY) * (y - sunY)));
                    if (d < 42)
                    {
                        colour = accent;
                    }
                    else if (d < 60)
                    {
                        colour = Mix(accent, colour, (d - 42) / 18);
                    }
                }
                else
                {
                    var t = (y - edge) / (Height - edge);
                    colour = Mix(Lighten(bottom, 0.25), bottom, t);
                    if (waves && ((int)(y + (6 * Math.Sin(x * 0.07))) % 23) == 0)
                    {
                        colour = Lighten(colour, 0.35);
                    }
                }

                var p = row + 1 + (x * 3);
                rgb[p] = (byte)(colour >> 16);
                rgb[p + 1] = (byte)(colour >> 8);
                rgb[p + 2] = (byte)colour;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(rgb);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static int Mix(int a, int b, double t)
    {
        t = Math.Clamp(t, 0, 1);
        int C(int shift) => (int)Math.Round((((a >> shift) & 0xFF) * (1 - t)) + (((b >> shift) & 0xFF) * t));
        return (C(16) << 16) | (C(8) << 8) | C(0);
    }

    private static int Lighten(int c, double by) => Mix(c, 0xFFFFFF, by);

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        png.Write(length);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
