namespace Parley.Ai.Media;

/// <summary>Turns a voice note or audio file into text.</summary>
public interface IAudioTranscriber
{
    string Model { get; }

    Task<string> TranscribeAsync(Stream audio, string fileName, CancellationToken ct);
}
