using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Parley.Ai.Media.Documents;

/// <summary>
/// Reads documents that come from outside without letting one exhaust the server. Every format is read within its
/// <see cref="DocumentLimits"/> (entries and inflated sizes checked before reading, reading stopped once the
/// characters kept are there); and, unless <c>Parley:Ai:Documents:Isolation</c> is <c>none</c>, in a process of its
/// own, with .NET's <c>GCHeapHardLimit</c> as its memory cap and a wall-clock limit after which it is killed. Parsers
/// are third-party code: whatever a crafted file makes them do (recurse, allocate, loop) ends with that process, and
/// the person gets a clear reply.
/// </summary>
public sealed class SafeDocumentReader(IOptions<DocumentReadingOptions> options, ILogger<SafeDocumentReader> logger) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrent);
    private int _warned;

    /// <param name="content">The file (a <see cref="FileStream"/> is read where it is; another stream is copied to a private temporary file first).</param>
    /// <exception cref="DocumentReadException">Unreadable, or over a limit, or it took too long or too much memory.</exception>
    public async Task<DocumentText> ReadAsync(Stream content, string format, DocumentLimits limits, CancellationToken ct)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await _slots.WaitAsync(ct);
        try
        {
            // The clock starts once it is this document's turn.
            timeout.CancelAfter(settings.Timeout);
            var worker = settings.Isolation == DocumentReadingOptions.ProcessIsolation ? WorkerCommand(settings) : null;
            if (settings.Isolation == DocumentReadingOptions.ProcessIsolation && worker is null && Interlocked.Exchange(ref _warned, 1) == 0)
            {
                logger.LogWarning("Documents are read in the server's own process: no reading process could be found ({Setting} is not set); the size and time limits still apply, the memory cap does not",
                    $"{DocumentReadingOptions.SectionName}:WorkerAssembly");
            }

            return worker is { } command
                ? await InChildProcessAsync(command, content, format, limits, settings, timeout.Token, ct)
                : await InProcessAsync(content, format, limits, settings.Timeout, timeout.Token, ct);
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    private static async Task<DocumentText> InProcessAsync(Stream content, string format, DocumentLimits limits, TimeSpan limit, CancellationToken timeout, CancellationToken ct)
    {
        var path = content is FileStream file ? file.Name : null;
        var reading = Task.Run(() => DocumentReader.ReadAsync(content, path, format, limits, timeout), CancellationToken.None);
        try
        {
            // The readers check the token as they go; WaitAsync also gives up on one that does not.
            return await reading.WaitAsync(timeout);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw TookTooLong(limit);
        }
    }

    private async Task<DocumentText> InChildProcessAsync(
        (string FileName, string[] Arguments) worker, Stream content, string format, DocumentLimits limits, DocumentReadingOptions settings, CancellationToken timeout, CancellationToken ct)
    {
        string? temporary = null;
        try
        {
            string path;
            if (content is FileStream file)
            {
                path = file.Name;
            }
            else
            {
                temporary = await CopyToPrivateFileAsync(content, timeout);
                path = temporary;
            }

            var info = new ProcessStartInfo(worker.FileName)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var argument in worker.Arguments)
            {
                info.ArgumentList.Add(argument);
            }

            // The memory cap: past it, allocations fail inside the reading process (and only there).
            info.Environment["DOTNET_GCHeapHardLimit"] = ((long)settings.MemoryLimitMb * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
            info.Environment["DOTNET_gcServer"] = "0";

            // The reader needs no configuration: account secrets and connection strings stay out of its environment.
            foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("Parley__", StringComparison.OrdinalIgnoreCase)
                || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                info.Environment.Remove(name);
            }

            using var process = new Process { StartInfo = info };
            var started = Stopwatch.GetTimestamp();
            process.Start();
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync(timeout);
                var stderr = ReadSomeAsync(process.StandardError, 4096, timeout);
                await JsonSerializer.SerializeAsync(process.StandardInput.BaseStream, new DocumentWorkerRequest(path, format, limits), DocumentWorker.Json, timeout);
                process.StandardInput.Close();
                await process.WaitForExitAsync(timeout);
                var output = await stdout;
                var result = process.ExitCode == 0 && output.Length > 0
                    ? JsonSerializer.Deserialize<DocumentWorkerResult>(output, DocumentWorker.Json)
                    : null;
                logger.LogDebug("Document ({Format}) read in a separate process in {Elapsed} ms, peak memory {PeakMb} MB, exit code {ExitCode}",
                    format, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, (result?.PeakMemoryBytes ?? 0) / (1024 * 1024), process.ExitCode);
                LastPeakMemoryBytes = result?.PeakMemoryBytes ?? 0;
                return result switch
                {
                    { Document: { } document } => document,
                    { Problem: { } problem } => throw new DocumentReadException(problem, result.Message ?? "The file could not be read."),
                    _ => throw Failed(process.ExitCode, await stderr, settings),
                };
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw TookTooLong(settings.Timeout);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The reading process's peak memory for the last document it read (figures for the limits' tests and benchmarks).</summary>
    public long LastPeakMemoryBytes { get; private set; }

    private DocumentReadException Failed(int exitCode, string stderr, DocumentReadingOptions settings)
    {
        // Killed by the runtime for memory, or by the kernel: either way the file needs more than the cap allows.
        logger.LogInformation("The document reading process ended with exit code {ExitCode}: {Error}", exitCode, stderr.Split('\n').FirstOrDefault(l => l.Length > 0) ?? "(no output)");
        return new DocumentReadException(DocumentProblem.TooComplex,
            $"Reading the file needed more than the {settings.MemoryLimitMb} MB Parley allows (the reading process ended with exit code {exitCode}).");
    }

    private static DocumentReadException TookTooLong(TimeSpan limit) => new(DocumentProblem.TooComplex,
        $"Reading the file took longer than the {limit.TotalSeconds:0.#} s Parley allows; it was stopped.");

    private static async Task<string> ReadSomeAsync(StreamReader reader, int max, CancellationToken ct)
    {
        var buffer = new char[max];
        var read = await reader.ReadBlockAsync(buffer, ct);
        var text = new string(buffer, 0, read);
        // Drain the rest, so the process never blocks on a full pipe.
        while (await reader.ReadAsync(buffer, ct) > 0)
        {
        }

        return text;
    }

    /// <summary>A copy only this user can read, for content that is not a file already.</summary>
    private static async Task<string> CopyToPrivateFileAsync(Stream content, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-document-{Guid.NewGuid():N}");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        await content.CopyToAsync(file, ct);
        return path;
    }

    /// <summary>
    /// How to start the host's <c>read-document</c> command: its apphost when that is what runs now, else the
    /// <c>dotnet</c> host with the assembly. Null when there is no host assembly to run.
    /// </summary>
    private static (string FileName, string[] Arguments)? WorkerCommand(DocumentReadingOptions settings)
    {
        if (settings.WorkerAssembly is not { Length: > 0 } assembly || !File.Exists(assembly))
        {
            return null;
        }

        var current = Environment.ProcessPath;
        if (current is not null && string.Equals(Path.GetFileNameWithoutExtension(current), Path.GetFileNameWithoutExtension(assembly), StringComparison.OrdinalIgnoreCase))
        {
            return (current, [DocumentWorker.Command]);
        }

        var muxer = current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
            : "dotnet";
        return (muxer, [assembly, DocumentWorker.Command]);
    }
}
