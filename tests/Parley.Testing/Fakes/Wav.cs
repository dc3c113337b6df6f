using System.Buffers.Binary;
using System.Text;

namespace Parley.Testing.Fakes;

/// <summary>Writes a tiny PCM WAV file, so tests have real audio without shipping any.</summary>
public static class Wav
{
    /// <summary>A 440 Hz tone, 16-bit mono at 8 kHz.</summary>
    public static byte[] Tone(TimeSpan length, int sampleRate = 8000)
    {
        var samples = (int)(length.TotalSeconds * sampleRate);
        var data = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(Math.Sin(2 * Math.PI * 440 * i / sampleRate) * short.MaxValue * 0.3);
            BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(i * 2), value);
        }

        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write("RIFF"u8);
        writer.Write(36 + data.Length);
        writer.Write("WAVE"u8);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((short)1); // PCM
        writer.Write((short)1); // mono
        writer.Write(sampleRate);
        writer.Write(sampleRate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(data.Length);
        writer.Write(data);
        writer.Flush();
        return stream.ToArray();
    }
}
