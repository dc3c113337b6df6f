using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Ai.Media.Documents;

/// <summary>
/// The reading process's side of <see cref="SafeDocumentReader"/>: reads one <see cref="DocumentWorkerRequest"/> from
/// standard input, reads the document within its limits, and writes one <see cref="DocumentWorkerResult"/> to
/// standard output. The host runs it as its hidden <c>read-document</c> command.
/// </summary>
public static class DocumentWorker
{
    public const string Command = "read-document";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Exit code 0 with a result (text or a problem); anything else means the process failed (or was killed).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, CancellationToken ct)
    {
        DocumentWorkerResult result;
        try
        {
            var request = await JsonSerializer.DeserializeAsync<DocumentWorkerRequest>(input, Json, ct)
                ?? throw new InvalidOperationException("No request on standard input.");
            await using var file = new FileStream(request.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            var document = await DocumentReader.ReadAsync(file, request.Path, request.Format, request.Limits, ct);
            result = new DocumentWorkerResult { Document = document };
        }
        catch (DocumentReadException ex)
        {
            result = new DocumentWorkerResult { Problem = ex.Kind, Message = ex.Message };
        }
        catch (OutOfMemoryException)
        {
            result = new DocumentWorkerResult { Problem = DocumentProblem.TooComplex, Message = "The file needs more memory to read than Parley allows." };
        }

        using (var self = Process.GetCurrentProcess())
        {
            result = result with { PeakMemoryBytes = self.PeakWorkingSet64 };
        }

        await JsonSerializer.SerializeAsync(output, result, Json, ct);
        await output.FlushAsync(ct);
        return 0;
    }
}
