using System.Diagnostics;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
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

    /// <summary>Tests turn <c>pdftotext</c> off to exercise the PDFsharp reader.</summary>
    public static bool UsePdfToText { get; set; } = true;

    static PdfTextReader()
    {
        // PDFsharp 6.5 refuses to open documents until a licence is chosen; Parley uses it under the AGPL.
        PdfSharp.PdfSharpLicense.SetAgplLicense();
    }

    public static async Task<DocumentText> ReadAsync(byte[] pdf, CancellationToken ct)
    {
        if (UsePdfToText && PdfToText.Value is { } tool && await RunPdfToTextAsync(tool, pdf, ct) is { } pages)
        {
            return FromPages(pages);
        }

        return FromPages(ReadWithPdfSharp(pdf));
    }

    internal static List<string> ReadWithPdfSharp(byte[] pdf)
    {
        PdfDocument document;
        try
        {
            document = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Import);
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
            var pages = new List<string>();
            foreach (var page in document.Pages)
            {
                try
                {
                    pages.Add(PageText(page));
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    // One unreadable page should not lose the others.
                    pages.Add("");
                }
            }

            return pages;
        }
    }

    private static string PageText(PdfPage page)
    {
        var fonts = new Dictionary<string, PdfFontDecoder>(StringComparer.Ordinal);
        if (page.Resources.Elements.GetDictionary("/Font") is { } fontDictionary)
        {
            foreach (var key in fontDictionary.Elements.Keys)
            {
                if (fontDictionary.Elements.GetDictionary(key) is { } entry)
                {
                    fonts[key] = PdfFontDecoder.For(entry);
                }
            }
        }

        var text = new StringBuilder();
        var font = PdfFontDecoder.Default;
        double? lineY = null;
        Walk(ContentReader.ReadContent(page));
        return text.ToString();

        void Walk(CSequence sequence)
        {
            foreach (var item in sequence)
            {
                if (item is CSequence nested and not CArray)
                {
                    Walk(nested);
                    continue;
                }

                if (item is not COperator op)
                {
                    continue;
                }

                switch (op.OpCode.OpCodeName)
                {
                    case OpCodeName.Tf when op.Operands.Count > 0 && op.Operands[0] is CName name:
                        font = fonts.GetValueOrDefault(name.Name, PdfFontDecoder.Default);
                        break;
                    case OpCodeName.Td or OpCodeName.TD when op.Operands.Count >= 2:
                        var ty = Number(op.Operands[1]);
                        if (Math.Abs(ty) > 0.01)
                        {
                            NewLine();
                        }
                        else
                        {
                            Space();
                        }

                        break;
                    case OpCodeName.Tm when op.Operands.Count >= 6:
                        var y = Number(op.Operands[5]);
                        if (lineY is { } previous && Math.Abs(previous - y) > 0.01)
                        {
                            NewLine();
                        }
                        else
                        {
                            Space();
                        }

                        lineY = y;
                        break;
                    case OpCodeName.Tx:
                        NewLine();
                        break;
                    case OpCodeName.Tj when op.Operands.Count > 0 && op.Operands[0] is CString s:
                        text.Append(font.Decode(s.Value));
                        break;
                    case OpCodeName.QuoteSingle or OpCodeName.QuoteDouble when op.Operands.Count > 0 && op.Operands[^1] is CString s:
                        NewLine();
                        text.Append(font.Decode(s.Value));
                        break;
                    case OpCodeName.TJ when op.Operands.Count > 0 && op.Operands[0] is CArray array:
                        foreach (var part in array)
                        {
                            if (part is CString piece)
                            {
                                text.Append(font.Decode(piece.Value));
                            }
                            else if (part is CNumber n && Number(n) < -200)
                            {
                                // A wide negative adjustment is how many producers write a space.
                                Space();
                            }
                        }

                        break;
                }
            }
        }

        void NewLine()
        {
            if (text.Length > 0 && text[^1] != '\n')
            {
                text.Append('\n');
            }
        }

        void Space()
        {
            if (text.Length > 0 && !char.IsWhiteSpace(text[^1]))
            {
                text.Append(' ');
            }
        }
    }

    private static double Number(CObject value) => value switch
    {
        CInteger i => i.Value,
        CReal r => r.Value,
        _ => 0,
    };

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

    private static async Task<List<string>?> RunPdfToTextAsync(string tool, byte[] pdf, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"parley-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(file, pdf, ct);
            using var process = new Process
            {
                StartInfo = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false },
            };
            foreach (var arg in new[] { "-q", "-enc", "UTF-8", file, "-" })
            {
                process.StartInfo.ArgumentList.Add(arg);
            }

            process.Start();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            _ = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            if (process.ExitCode != 0)
            {
                return null; // PDFsharp gets a go, and says clearly what is wrong.
            }

            // pdftotext ends every page with a form feed.
            var pages = (await output).Split('\f').ToList();
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
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
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
