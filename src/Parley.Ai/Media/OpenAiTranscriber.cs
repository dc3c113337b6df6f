using OpenAI;
using OpenAI.Audio;

namespace Parley.Ai.Media;

/// <summary>The OpenAI-style <c>/audio/transcriptions</c> endpoint (OpenAI, Azure OpenAI, local Whisper servers).</summary>
public sealed class OpenAiTranscriber(OpenAIClient client, string model) : IAudioTranscriber
{
    private readonly AudioClient _audio = client.GetAudioClient(model);

    public string Model => model;

    public async Task<string> TranscribeAsync(Stream audio, string fileName, CancellationToken ct)
    {
        var result = await _audio.TranscribeAudioAsync(audio, fileName, new AudioTranscriptionOptions(), ct);
        return result.Value.Text?.Trim() ?? "";
    }
}
