using System.Text.Json;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Messaging;

/// <summary>
/// Keeps the text of a voice note or a document with its message (<see cref="MediaInfo.Transcript"/>), so the history,
/// the API and later answers have it without reading the file again.
/// </summary>
public sealed class MessageTranscripts(Database database)
{
    /// <returns>The message as stored now, with its transcript.</returns>
    public async Task<StoredMessage> StoreAsync(StoredMessage message, string transcript, CancellationToken ct = default)
    {
        var content = message.Content with { Media = (message.Content.Media ?? new MediaInfo()) with { Transcript = transcript } };
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE messages SET content = @content WHERE id = @Id",
            new { content = JsonSerializer.Serialize(content, ParleyJson.Options), message.Id }, cancellationToken: ct));
        return message with { Content = content };
    }
}
