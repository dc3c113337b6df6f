using System.ComponentModel.DataAnnotations;

namespace Parley.Ai.Media.Documents;

/// <summary>
/// <c>Parley:Ai:Documents</c>: how documents from contacts and for the knowledge base are read. By default each is
/// read in a separate process with a memory cap and a time limit, so a file crafted to exhaust the server can only
/// exhaust that process: it is killed and the person gets a clear reply.
/// </summary>
public sealed class DocumentReadingOptions
{
    public const string SectionName = "Parley:Ai:Documents";

    public const string ProcessIsolation = "process";
    public const string NoIsolation = "none";

    /// <summary><c>process</c> (default): a child process per document; <c>none</c>: in the server's own process (limits still apply, no memory cap).</summary>
    [RegularExpression("^(process|none)$", ErrorMessage = "Parley:Ai:Documents:Isolation must be 'process' or 'none'.")]
    public string Isolation { get; set; } = ProcessIsolation;

    /// <summary>Longest a document may take to read, start of the process included; slower ones are refused.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Parley:Ai:Documents:Timeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Managed heap of the reading process, in MiB (.NET's <c>GCHeapHardLimit</c>); a document needing more is refused.</summary>
    [Range(64, 4096, ErrorMessage = "Parley:Ai:Documents:MemoryLimitMb must be between 64 and 4096.")]
    public int MemoryLimitMb { get; set; } = 160;

    /// <summary>Documents read at once per instance; more wait their turn (each reading process may use its memory cap).</summary>
    [Range(1, 64, ErrorMessage = "Parley:Ai:Documents:MaxConcurrent must be between 1 and 64.")]
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>The assembly whose <c>read-document</c> command reads in the child process; the host sets it to its own.</summary>
    public string? WorkerAssembly { get; set; }
}
