using Dapper;
using Parley.Ai.Media.Documents;
using Parley.Core.Storage;

namespace Parley.Ai.Media;

/// <summary>
/// Counts attempts to read a message's document, before the work: the attempt is recorded and committed first, and
/// closed with its outcome after. If the process dies while reading (killed for memory, say), the open attempt is
/// found when the message is processed again after the restart, and the document is refused instead of read again,
/// so a crash cannot loop. A document refused once is refused again without being read. Table <c>document_reads</c>.
/// </summary>
public sealed class DocumentReadLedger(Database database, TimeProvider time)
{
    public const string Ok = "ok";
    public const string Interrupted = "interrupted";
    public const string Abandoned = "abandoned";

    /// <summary>
    /// Records the start of an attempt. Null: go ahead and read. Otherwise the problem to answer with, without
    /// reading: the last attempt never finished (<see cref="DocumentProblem.TooComplex"/>), or it was refused.
    /// </summary>
    public async Task<DocumentProblem?> BeginAsync(long messageId, CancellationToken ct)
    {
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        var last = await c.QuerySingleOrDefaultAsync<(long? finished_at, string? outcome)?>(new CommandDefinition(
            "SELECT finished_at, outcome FROM document_reads WHERE message_id = @messageId", new { messageId }, cancellationToken: ct));
        if (last is null)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO document_reads (message_id, attempts, started_at) VALUES (@messageId, 1, @now)", new { messageId, now }, cancellationToken: ct));
            return null;
        }

        if (last.Value.finished_at is null || last.Value.outcome == Interrupted)
        {
            // Started and never finished: the process died while reading it. Not again.
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE document_reads SET attempts = attempts + 1, finished_at = @now, outcome = @Interrupted WHERE message_id = @messageId",
                new { messageId, now, Interrupted }, cancellationToken: ct));
            return DocumentProblem.TooComplex;
        }

        if (last.Value.outcome is not (Ok or Abandoned) && Enum.TryParse<DocumentProblem>(last.Value.outcome, ignoreCase: true, out var refused))
        {
            return refused;
        }

        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE document_reads SET attempts = attempts + 1, started_at = @now, finished_at = NULL, outcome = NULL WHERE message_id = @messageId",
            new { messageId, now }, cancellationToken: ct));
        return null;
    }

    /// <summary>Closes the attempt: read (<paramref name="problem"/> null) or refused for that reason.</summary>
    public async Task FinishAsync(long messageId, DocumentProblem? problem, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE document_reads SET finished_at = @now, outcome = @outcome WHERE message_id = @messageId",
            new { messageId, now = time.NowMs(), outcome = problem?.ToString() ?? Ok }, cancellationToken: ct));
    }

    /// <summary>Closes an attempt that ended for a reason of the server's own (shutdown, storage): the next one reads again.</summary>
    public async Task AbandonAsync(long messageId, CancellationToken ct)
    {
        try
        {
            await using var c = await database.OpenAsync(ct);
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE document_reads SET finished_at = @now, outcome = @Abandoned WHERE message_id = @messageId",
                new { messageId, now = time.NowMs(), Abandoned }, cancellationToken: ct));
        }
        catch (System.Data.Common.DbException)
        {
            // The database is away too: the attempt stays open, and the next one refuses (the safe side).
        }
    }
}
