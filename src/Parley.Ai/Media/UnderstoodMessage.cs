using Microsoft.Extensions.AI;
using Parley.Ai.Media.Documents;
using Parley.Core.Messaging;

namespace Parley.Ai.Media;

/// <summary>What the assistant made of one message: its words, and what its media turned into.</summary>
public sealed record UnderstoodMessage(StoredMessage Message)
{
    /// <summary>What the person wrote: the text, or the caption of media.</summary>
    public string? Text { get; init; }

    /// <summary>The transcript of a voice note or audio file.</summary>
    public string? Transcript { get; init; }

    public DocumentText? Document { get; init; }

    /// <summary>The image's bytes, loaded only when a vision model will look at them.</summary>
    public DataContent? Image { get; init; }

    /// <summary>A reply that explains why the media could not be used (too large, damaged, unsupported...).</summary>
    public string? Problem { get; init; }

    public string Type => Message.Content.Type;

    public string? FileName => Message.Content.Media?.FileName;

    /// <summary>The person's words plus the transcript: what retrieval searches with.</summary>
    public string Words => string.Join('\n', new[] { Text, Transcript }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
