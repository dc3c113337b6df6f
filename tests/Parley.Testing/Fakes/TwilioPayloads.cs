using System.Text.Json.Nodes;

namespace Parley.Testing.Fakes;

/// <summary>The official Twilio sample payloads kept under <c>Payloads/Twilio/</c> (see its SOURCES.md).</summary>
public static class TwilioPayloads
{
    public static string Read(string fileName)
    {
        var name = $"Payloads/Twilio/{fileName}";
        using var stream = typeof(TwilioPayloads).Assembly.GetManifestResourceStream(name)
            ?? throw new FileNotFoundException($"No embedded payload '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static JsonNode Json(string fileName) => JsonNode.Parse(Read(fileName))!;
}
