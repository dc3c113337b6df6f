using Parley.Ai.Media.Documents;

namespace Parley.Ai.Media;

/// <summary>
/// Reads the document of a message the safe way: the attempt is counted before the work
/// (<see cref="DocumentReadLedger"/>), the reading happens in a process of its own within the message limits
/// (<see cref="SafeDocumentReader"/>, <see cref="DocumentLimits.Message"/>), and the outcome closes the attempt.
/// </summary>
public sealed class MessageDocuments(DocumentReadLedger ledger, SafeDocumentReader reader)
{
    /// <exception cref="DocumentReadException">Unreadable, over a limit, or an earlier attempt never finished.</exception>
    public async Task<DocumentText> ReadAsync(long messageId, Stream content, string format, CancellationToken ct)
    {
        if (await ledger.BeginAsync(messageId, ct) is { } refused)
        {
            throw new DocumentReadException(refused, refused == DocumentProblem.TooComplex
                ? "An earlier attempt to read this file did not finish or was refused; it is not read again."
                : "This file was refused before; it is not read again.");
        }

        try
        {
            var document = await reader.ReadAsync(content, format, DocumentLimits.Message, ct);
            await ledger.FinishAsync(messageId, null, ct);
            return document;
        }
        catch (DocumentReadException ex)
        {
            await ledger.FinishAsync(messageId, ex.Kind, ct);
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not the document's doing (shutting down, the file store or the database failed): the next attempt may read it.
            await ledger.AbandonAsync(messageId, CancellationToken.None);
            throw;
        }
    }
}
