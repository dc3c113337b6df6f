using System.Diagnostics;
using System.Globalization;
using Parley.Ai.Media.Documents;
using Parley.Tests.Faults;

namespace Parley.Tests.Ai;

/// <summary>
/// Files crafted to exhaust the server, sent by a stranger to the assistant through the sandbox (issue 17, item 1).
/// Before the fix a 298 KB DOCX took the server from 315 MB to 1.8 GB, and a 150 KB PDF a core for minutes and
/// gigabytes. Each must now be answered within the goal — read in 10 s and 200 MB of extra memory, or refused with
/// a clear reply — asserted loosely (a loaded 2-core machine) but far below what the unguarded readers take.
/// Run beside nothing else, so the memory figures are the server's own.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class DocumentBombTests(DocumentBombTests.Server server, ITestOutputHelper output) : IClassFixture<DocumentBombTests.Server>
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Refused = "is too large or too complex for me to read";

    /// <summary>Assertion bounds: the goal's memory, twice its time (the machine is shared).</summary>
    private const long MaxExtraBytes = 200L * 1024 * 1024;
    private static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Bombs() => ["docx-400mb-text", "docx-lying-sizes", "docx-100k-entries", "docx-entities", "docx-40mb-text", "pdf-256mb-stream", "pdf-300k-objects"];

    [Theory, MemberData(nameof(Bombs))]
    public async Task ABomb_IsAnsweredWithinTheTimeAndMemoryGoal(string bomb)
    {
        var (file, name, type, expected) = Make(bomb);
        var app = server.App;
        var from = server.NextContact();
        // Warm up the path (a reading process started, the JIT done) with a good document, so the figures are the bomb's.
        await app.Sandbox.SendFileAsync(from, TestDocuments.Docx((0, "Warm-up.")), "warm.docx", Docx);
        await app.Sandbox.WaitForRepliesAsync(from, 1);

        var before = Memory.Baseline();
        var started = Stopwatch.GetTimestamp();
        await app.Sandbox.SendFileAsync(from, file, name, type);
        var reply = (await app.Sandbox.WaitForRepliesAsync(from, 2, TimeSpan.FromSeconds(60)))[^1].Text!;
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (extraRss, allocated) = Memory.Since(before);
        var child = app.Get<SafeDocumentReader>().LastPeakMemoryBytes;

        output.WriteLine(FormattableString.Invariant(
            $"BOMB {bomb}: file {file.Length / 1024} KB, answered in {elapsed.TotalSeconds:0.00} s, server +{extraRss / (1024 * 1024)} MB RSS, {allocated / (1024 * 1024)} MB allocated, reading process peak {child / (1024 * 1024)} MB; reply: {reply}"));
        reply.ShouldContain(expected);
        elapsed.ShouldBeLessThan(MaxTime);
        extraRss.ShouldBeLessThan(MaxExtraBytes);
        allocated.ShouldBeLessThan(MaxExtraBytes);
        child.ShouldBeLessThan(MaxExtraBytes + (64L * 1024 * 1024), "the reading process: its heap cap plus the runtime");
    }

    private static (byte[] File, string Name, string Type, string Expected) Make(string bomb) => bomb switch
    {
        "docx-400mb-text" => (DocumentBombs.DocxInflating(400L * 1024 * 1024), "report.docx", Docx, Refused),
        "docx-lying-sizes" => (DocumentBombs.DocxLyingAboutItsSize(400L * 1024 * 1024), "report.docx", Docx, Refused),
        "docx-100k-entries" => (DocumentBombs.DocxWithManyEntries(100_000), "report.docx", Docx, Refused),
        "docx-entities" => (DocumentBombs.DocxWithEntityExpansion(), "report.docx", Docx, "it seems damaged"),
        "docx-40mb-text" => (DocumentBombs.DocxInflating(40L * 1024 * 1024), "report.docx", Docx, "It begins:\n> All work and no play"),
        "pdf-256mb-stream" => (DocumentBombs.PdfInflating(256L * 1024 * 1024), "report.pdf", "application/pdf", Refused),
        "pdf-300k-objects" => (DocumentBombs.PdfWithManyObjects(300_000), "report.pdf", "application/pdf", Refused),
        _ => throw new ArgumentOutOfRangeException(nameof(bomb)),
    };

    /// <summary>One offline assistant for every bomb (each from its own contact): the bombs run one after the other.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private int _contacts;

        public TestApp App { get; private set; } = null!;

        public string NextContact() => "+1555000" + Interlocked.Increment(ref _contacts).ToString("D4", CultureInfo.InvariantCulture);

        // Some bombs are larger than the sandbox's default upload cap (5 MiB); the test is about what reading does with them.
        public async Task InitializeAsync() => App = await AiTestApp.OfflineAsync(extra: new Dictionary<string, string?> { ["Parley:Sandbox:MaxUploadBytes"] = "16777216" });

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>The test process's memory: resident peak (reset through /proc on Linux) and bytes allocated by the runtime.</summary>
    private static class Memory
    {
        public static (long Rss, long Allocated) Baseline()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            try
            {
                // "5" resets the peak resident set size (VmHWM) of this process.
                File.WriteAllText("/proc/self/clear_refs", "5");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }

            return (Status("VmRSS:"), GC.GetTotalAllocatedBytes(precise: true));
        }

        public static (long ExtraRss, long Allocated) Since((long Rss, long Allocated) before) =>
            (Math.Max(0, Status("VmHWM:") - before.Rss), GC.GetTotalAllocatedBytes(precise: true) - before.Allocated);

        private static long Status(string field)
        {
            var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) : null;
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
    }
}
