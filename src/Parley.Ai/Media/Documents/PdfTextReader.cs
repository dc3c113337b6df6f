using System.Diagnostics;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Parley.Ai.Media.Documents;

/// <summary>
/// Text of a PDF, one section per page ("p. 3" as the heading, for attribution). Uses poppler's <c>pdftotext</c> when
/// it is installed (best layout handling), else reads the pages' content streams with PDFsharp. A PDF whose pages
/// hold no text (a scan) gives an empty result; a damaged or encrypted one a <see cref="DocumentReadException"/>.
/// </summary>
/// <remarks>PDFsharp 6.5 is licensed AGPL-3.0 unless a commercial licence is loaded; see docs/ai.md.</remarks>
public static class PdfTextReader
{
    private static readonly Lazy<string?> PdfToText = new(() => FindOnPath("pdftotext"));

    /// <summary>util-linux's prlimit, to run pdftotext with a memory and CPU cap.</summary>
    private static readonly Lazy<string?> PrLimit = new(() => FindOnPath("prlimit"));

    /// <summary>Tests turn <c>pdftotext</c> off to exercise the PDFsharp reader.</summary>
    public static bool UsePdfToText { get; set; } = true;

    static PdfTextReader()
    {
        // PDFsharp 6.5 refuses to open documents until a licence is chosen; Parley uses it under the AGPL.
        PdfSharp.PdfSharpLicense.SetAgplLicense();
    }

    public static Task<DocumentText> ReadAsync(byte[] pdf, CancellationToken ct) =>
        ReadAsync(new MemoryStream(pdf, writable: false), null, DocumentLimits.Message, ct);

    /// <param name="pdf">A seekable stream of the file.</param>
    /// <param name="path">The file on disk when there is one (pdftotext reads it there rather than from a copy).</param>
    public static async Task<DocumentText> ReadAsync(Stream pdf, string? path, DocumentLimits limits, CancellationToken ct)
    {
        // Counted before any parser sees the file: a million tiny objects are refused here.
        var objects = PdfObjectCount.Estimate(pdf, ct);
        if (objects > limits.MaxPdfObjects)
        {
            throw new DocumentReadException(DocumentProblem.TooComplex,
                $"The PDF holds about {objects:N0} objects, more than the {limits.MaxPdfObjects:N0} Parley reads; it was not read.");
        }

        if (UsePdfToText && PdfToText.Value is { } tool && await RunPdfToTextAsync(tool, pdf, path, limits, ct) is { } pages)
        {
            return FromPages(pages);
        }

        pdf.Position = 0;
        return FromPages(ReadWithPdfSharp(pdf, limits, ct));
    }

    internal static List<string> ReadWithPdfSharp(byte[] pdf) => ReadWithPdfSharp(new MemoryStream(pdf, writable: false), DocumentLimits.Message, CancellationToken.None);

    internal static List<string> ReadWithPdfSharp(Stream pdf, DocumentLimits limits, CancellationToken ct)
    {
        PdfDocument document;
        try
        {
            document = PdfReader.Open(pdf, PdfDocumentOpenMode.Import);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            var encrypted = ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase)
                || ex.Message.Contains("encrypt", StringComparison.OrdinalIgnoreCase);
            throw new DocumentReadException(encrypted ? DocumentProblem.Encrypted : DocumentProblem.Corrupt,
                encrypted ? "The PDF is protected with a password." : "The PDF could not be opened; it may be damaged.", ex);
        }

        using (document)
        {
            var budget = new ReadBudget(limits.MaxInflatedBytes);
            var fonts = new Dictionary<PdfDictionary, PdfFontDecoder>(ReferenceEqualityComparer.Instance);
            var pages = new List<string>();
            var chars = 0;
            foreach (var page in document.Pages)
            {
                ct.ThrowIfCancellationRequested();
                if (chars >= limits.MaxChars)
                {
                    break; // The characters kept are there: the other pages are not read.
                }

                try
                {
                    var text = PageText(page, fonts, budget, limits.MaxChars - chars, ct);
                    chars += text.Length;
                    pages.Add(text);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException and not DocumentReadException)
                {
                    // One unreadable page should not lose the others.
                    pages.Add("");
                }
            }

            return pages;
        }
    }

    private static string PageText(PdfPage page, Dictionary<PdfDictionary, PdfFontDecoder> cache, ReadBudget budget, int maxChars, CancellationToken ct)
    {
        var fonts = new Dictionary<string, PdfFontDecoder>(StringComparer.Ordinal);
        if (page.Resources.Elements.GetDictionary("/Font") is { } fontDictionary)
        {
            foreach (var key in fontDictionary.Elements.Keys)
            {
                if (fontDictionary.Elements.GetDictionary(key) is { } entry)
                {
                    if (!cache.TryGetValue(entry, out var decoder))
                    {
                        decoder = PdfFontDecoder.For(entry, map => PdfStreams.ReadAll(map, budget, MaxCharacterMapBytes));
                        cache[entry] = decoder;
                    }

                    fonts[key] = decoder;
                }
            }
        }

        var text = new StringBuilder();
        var reader = new PdfContentText(fonts, text, maxChars);
        foreach (var content in Contents(page))
        {
            using var stream = PdfStreams.Open(content, budget, budget.Remaining);
            if (stream is not null)
            {
                reader.Read(stream, ct);
            }

            if (reader.Full)
            {
                break;
            }
        }

        return text.ToString();
    }

    /// <summary>Largest ToUnicode map read (they are a few kilobytes; the budget counts them too).</summary>
    private const long MaxCharacterMapBytes = 1024 * 1024;

    /// <summary>The page's content streams, from its raw <c>/Contents</c> entry (one stream or an array of them), undecoded.</summary>
    private static IEnumerable<PdfDictionary> Contents(PdfPage page)
    {
        var item = page.Elements["/Contents"];
        if (item is PdfReference reference)
        {
            item = reference.Value;
        }

        if (item is PdfDictionary single)
        {
            yield return single;
        }
        else if (item is PdfArray array)
        {
            foreach (var element in array.Elements)
            {
                if ((element is PdfReference r ? r.Value : element) is PdfDictionary stream)
                {
                    yield return stream;
                }
            }
        }
    }

    private static DocumentText FromPages(List<string> pages)
    {
        var sections = new List<DocumentSection>();
        for (var i = 0; i < pages.Count; i++)
        {
            var paragraphs = Paragraphs(pages[i]);
            if (paragraphs.Count > 0)
            {
                sections.Add(new DocumentSection([$"p. {i + 1}"], paragraphs));
            }
        }

        return new DocumentText(DocumentFormats.Pdf, sections) { Pages = pages.Count };
    }

    /// <summary>Lines joined into paragraphs; a blank line or a line ending a sentence before a short one starts a new paragraph.</summary>
    private static List<string> Paragraphs(string page)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in page.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Join(' ', raw.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (current.Length > 0)
            {
                // Words hyphenated across lines are joined back.
                if (current[^1] == '-' && char.IsLower(line[0]))
                {
                    current.Length--;
                }
                else
                {
                    current.Append(' ');
                }
            }

            current.Append(line);
        }

        Flush();
        return paragraphs;

        void Flush()
        {
            if (current.Length > 0)
            {
                paragraphs.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>
    /// poppler's pdftotext in its own process: under <c>prlimit</c> (address space and CPU seconds) when the machine
    /// has it, and read only up to the characters kept (then stopped), within the caller's time limit.
    /// </summary>
    private static async Task<List<string>?> RunPdfToTextAsync(string tool, Stream pdf, string? path, DocumentLimits limits, CancellationToken ct)
    {
        string? temporary = null;
        try
        {
            if (path is null)
            {
                temporary = Path.Combine(Path.GetTempPath(), $"parley-{Guid.NewGuid():N}.pdf");
                pdf.Position = 0;
                await using (var copy = File.Create(temporary))
                {
                    await pdf.CopyToAsync(copy, ct);
                }

                path = temporary;
            }

            using var process = new Process
            {
                StartInfo = new ProcessStartInfo(PrLimit.Value ?? tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false },
            };
            var args = new List<string>();
            if (PrLimit.Value is not null)
            {
                args.AddRange(["--as=" + (1024L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), "--cpu=30", "--", tool]);
            }

            args.AddRange(["-q", "-enc", "UTF-8", path, "-"]);
            foreach (var arg in args)
            {
                process.StartInfo.ArgumentList.Add(arg);
            }

            process.Start();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            _ = process.StandardError.ReadToEndAsync(timeout.Token);
            var output = new StringBuilder();
            var chunk = new char[16 * 1024];
            try
            {
                int read;
                while (output.Length < limits.MaxChars && (read = await process.StandardOutput.ReadAsync(chunk, timeout.Token)) > 0)
                {
                    output.Append(chunk, 0, Math.Min(read, limits.MaxChars - output.Length));
                }

                if (output.Length >= limits.MaxChars)
                {
                    // The characters kept are there: the rest of the document is not read.
                    process.Kill(entireProcessTree: true);
                }
                else
                {
                    await process.WaitForExitAsync(timeout.Token);
                    if (process.ExitCode != 0)
                    {
                        return null; // PDFsharp gets a go, and says clearly what is wrong.
                    }
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            // pdftotext ends every page with a form feed.
            var pages = output.ToString().Split('\f').ToList();
            if (pages.Count > 1 && pages[^1].Trim().Length == 0)
            {
                pages.RemoveAt(pages.Count - 1);
            }

            return pages;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        finally
        {
            if (temporary is not null)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
