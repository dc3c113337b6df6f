using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Parley.Ai.Chat;
using Parley.Ai.Media.Documents;
using Parley.Core.Accounts;
using Parley.Core.Media;
using Parley.Core.Messaging;

namespace Parley.Ai.Media;

/// <summary>
/// Reads the media of a message for the assistant: checks size and type limits, transcribes voice notes (once: the
/// transcript is stored in the message's content), reads PDF and DOCX text, and loads images for a vision model.
/// Never throws for bad media: the result carries a reply that says what went wrong.
/// </summary>
public sealed class MediaUnderstanding(
    IMediaStore media,
    AiClients clients,
    AiCaller caller,
    AiUsageLog usage,
    MessageDocuments documents,
    MessageTranscripts transcripts,
    ILogger<MediaUnderstanding> logger)
{
    public async Task<UnderstoodMessage> UnderstandAsync(Account account, AiSettings settings, StoredMessage message, string lang, CancellationToken ct)
    {
        var content = message.Content;
        var result = new UnderstoodMessage(message) { Text = Words(content) };
        var info = content.Media;
        switch (content.Type)
        {
            case MessageTypes.Image or MessageTypes.Sticker:
                if (TooLarge(info, MediaLimits.Image))
                {
                    return result with { Problem = Assistant.AssistantTexts.TooLarge(lang, content.Type, MediaLimits.Image) };
                }

                if (settings.EffectiveVisionModel is null || clients.Chat(settings) is null)
                {
                    return result; // Nobody could look at it: the responder says what it received.
                }

                var image = await LoadAsync(info, MediaLimits.Image, ct);
                return image switch
                {
                    { Problem: { } p } => result with { Problem = p(lang, content.Type) },
                    { Bytes: { } bytes } => result with { Image = new DataContent(bytes, ImageType(image.MimeType ?? info?.MimeType)) },
                    _ => result,
                };

            case MessageTypes.Audio:
                if (info?.Transcript is { Length: > 0 } stored)
                {
                    return result with { Transcript = stored };
                }

                if (TooLarge(info, MediaLimits.Audio))
                {
                    return result with { Problem = Assistant.AssistantTexts.TooLarge(lang, content.Type, MediaLimits.Audio) };
                }

                if (clients.Transcriber(settings) is not { } transcriber)
                {
                    return result;
                }

                var audio = await LoadAsync(info, MediaLimits.Audio, ct);
                if (audio.Problem is { } audioProblem)
                {
                    return result with { Problem = audioProblem(lang, content.Type) };
                }

                var transcript = await TranscribeAsync(account, settings, message, transcriber, audio.Bytes!, info, ct);
                if (string.IsNullOrWhiteSpace(transcript))
                {
                    return result with { Problem = Assistant.AssistantTexts.CouldNotTranscribe(lang) };
                }

                await transcripts.StoreAsync(message, transcript, ct);
                return result with { Transcript = transcript };

            case MessageTypes.Document:
                return await ReadDocumentAsync(message, result, lang, ct);

            case MessageTypes.Video:
                return TooLarge(info, MediaLimits.Video)
                    ? result with { Problem = Assistant.AssistantTexts.TooLarge(lang, content.Type, MediaLimits.Video) }
                    : result;

            default:
                return result;
        }
    }

    private async Task<UnderstoodMessage> ReadDocumentAsync(StoredMessage message, UnderstoodMessage result, string lang, CancellationToken ct)
    {
        var info = message.Content.Media;
        if (TooLarge(info, MediaLimits.Document))
        {
            return result with { Problem = Assistant.AssistantTexts.TooLarge(lang, MessageTypes.Document, MediaLimits.Document) };
        }

        // Not loaded into memory: the file is read where it is stored, by a process of its own (MessageDocuments).
        if (info?.StoredId is not { } id || await media.OpenAsync(id, ct) is not { } file)
        {
            return result with { Problem = Assistant.AssistantTexts.Unavailable(lang) };
        }

        await using var stream = file.Content;
        if (file.Media.Size > MediaLimits.Document)
        {
            return result with { Problem = Assistant.AssistantTexts.TooLarge(lang, MessageTypes.Document, MediaLimits.Document) };
        }

        var head = new byte[8];
        var headLength = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        stream.Position = 0;
        var format = DocumentFormats.Detect(info.FileName, file.Media.MimeType ?? info.MimeType, head.AsSpan(0, headLength));
        if (format is null)
        {
            return result with { Problem = Assistant.AssistantTexts.UnsupportedDocument(lang, info.FileName) };
        }

        try
        {
            var document = await documents.ReadAsync(message.Id, stream, format, ct);
            if (document.IsEmpty)
            {
                return result with { Problem = Assistant.AssistantTexts.NoText(lang, info?.FileName) };
            }

            if (string.IsNullOrEmpty(info?.Transcript))
            {
                await transcripts.StoreAsync(message, document.PlainText(MediaLimits.StoredDocumentText), ct);
            }

            return result with { Document = document };
        }
        catch (DocumentReadException ex)
        {
            logger.LogInformation("Document in message {MessageId} could not be read ({Problem}): {Reason}", message.Id, ex.Kind, ex.Message);
            return result with
            {
                Problem = ex.Kind switch
                {
                    DocumentProblem.Encrypted => Assistant.AssistantTexts.Encrypted(lang, info?.FileName),
                    DocumentProblem.Unsupported => Assistant.AssistantTexts.UnsupportedDocument(lang, info?.FileName),
                    DocumentProblem.TooComplex => Assistant.AssistantTexts.TooComplex(lang, info?.FileName),
                    _ => Assistant.AssistantTexts.Corrupt(lang, info?.FileName),
                },
            };
        }
    }

    private async Task<string?> TranscribeAsync(Account account, AiSettings settings, StoredMessage message, IAudioTranscriber transcriber, byte[] bytes, MediaInfo? info, CancellationToken ct)
    {
        var fileName = info?.FileName is { Length: > 0 } name ? name : "voice" + AudioExtension(info?.MimeType);
        var result = await caller.CallAsync(settings, "transcription", c => transcriber.TranscribeAsync(new MemoryStream(bytes, writable: false), fileName, c), ct);
        await usage.RecordAsync(new AiUsage(account.Id, AiUsage.Transcription, settings.Provider, result.Succeeded ? AiOutcomes.Ok : AiOutcomes.Error)
        {
            ConversationId = message.ConversationId,
            MessageId = message.Id,
            Bot = account.Bot,
            Model = transcriber.Model,
            LatencyMs = (long)result.Latency.TotalMilliseconds,
            Attempts = result.Attempts,
            Error = result.Failure?.ToString(),
        }, ct);
        return result.Value;
    }

    private sealed record Loaded(byte[]? Bytes, string? MimeType, Func<string, string, string>? Problem);

    private async Task<Loaded> LoadAsync(MediaInfo? info, long limit, CancellationToken ct)
    {
        if (info?.StoredId is not { } id || await media.OpenAsync(id, ct) is not { } found)
        {
            return new Loaded(null, null, (lang, _) => Assistant.AssistantTexts.Unavailable(lang));
        }

        await using var stream = found.Content;
        if (found.Media.Size > limit)
        {
            return new Loaded(null, null, (lang, type) => Assistant.AssistantTexts.TooLarge(lang, type, limit));
        }

        using var buffer = new MemoryStream((int)Math.Min(found.Media.Size, limit));
        await stream.CopyToAsync(buffer, ct);
        return new Loaded(buffer.ToArray(), found.Media.MimeType, null);
    }

    private static bool TooLarge(MediaInfo? info, long limit) => info?.Size > limit;

    private static string? Words(MessageContent content) => content.Type switch
    {
        MessageTypes.Text => content.Text,
        MessageTypes.Interactive or MessageTypes.Button => content.Reply?.Title ?? content.Reply?.Id ?? content.Text,
        MessageTypes.Location => content.Location is { } l ? $"[location: {l.Name} {l.Address} ({l.Latitude}, {l.Longitude})]".Replace("  ", " ", StringComparison.Ordinal) : null,
        MessageTypes.Contacts => content.Contacts is { } cards ? "[contact: " + string.Join(", ", cards.Select(c => c.FormattedName)) + "]" : null,
        _ => string.IsNullOrWhiteSpace(content.Text) ? null : content.Text,
    };

    private static string ImageType(string? mime) => mime is { Length: > 0 } m && m.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? m.Split(';')[0] : "image/jpeg";

    private static string AudioExtension(string? mime) => (mime ?? "").Split(';')[0] switch
    {
        "audio/ogg" or "audio/opus" => ".ogg",
        "audio/mpeg" or "audio/mp3" => ".mp3",
        "audio/mp4" or "audio/m4a" or "audio/aac" => ".m4a",
        "audio/wav" or "audio/x-wav" or "audio/wave" => ".wav",
        "audio/webm" => ".webm",
        "audio/amr" => ".amr",
        _ => ".ogg",
    };
}
