using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Parley.Ai.Media.Documents;

/// <summary>
/// The zip container of a DOCX, read with limits: the entry count comes from the end-of-directory record and the
/// directory is checked before any entry is inflated; each entry is inflated through a <see cref="CappedReadStream"/>,
/// so it can neither exceed the size it declares nor the document's shared <see cref="ReadBudget"/>. Parley reads a
/// handful of XML parts this way and never the rest (images, embedded files).
/// </summary>
internal sealed class ZipPackage
{
    private const uint EndOfDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint Zip64EndOfDirectory = 0x06064b50;
    private const uint DirectoryHeader = 0x02014b50;
    private const uint LocalHeader = 0x04034b50;

    /// <summary>Largest central directory read: names are short in a DOCX, so this is generous for any entry limit.</summary>
    private const long MaxDirectoryBytes = 8L * 1024 * 1024;

    private readonly Stream _file;
    private readonly ReadBudget _budget;
    private readonly Dictionary<string, Entry> _entries;

    private ZipPackage(Stream file, ReadBudget budget, Dictionary<string, Entry> entries)
    {
        _file = file;
        _budget = budget;
        _entries = entries;
    }

    private sealed record Entry(string Name, int Flags, int Method, long CompressedSize, long Size, long LocalHeaderOffset);

    public int Count => _entries.Count;

    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <exception cref="DocumentReadException">Not a zip, or over <see cref="DocumentLimits.MaxZipEntries"/>.</exception>
    public static ZipPackage Open(Stream file, DocumentLimits limits, ReadBudget budget)
    {
        var length = file.Length;
        if (length < 22)
        {
            throw NotAZip();
        }

        // The end-of-directory record is within the last 22 + 65,535 (comment) bytes; a zip64 locator sits before it.
        var tail = new byte[(int)Math.Min(length, 22 + 65_535 + 20)];
        file.Position = length - tail.Length;
        file.ReadExactly(tail);
        var end = -1;
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfDirectory)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw NotAZip();
        }

        ulong entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        ulong directorySize = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        ulong directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        if ((entries == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF)
            && end >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end - 20)) == Zip64Locator)
        {
            var zip64At = BinaryPrimitives.ReadUInt64LittleEndian(tail.AsSpan(end - 20 + 8));
            if (zip64At > (ulong)length - 56)
            {
                throw NotAZip();
            }

            var record = new byte[56];
            file.Position = (long)zip64At;
            file.ReadExactly(record);
            if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndOfDirectory)
            {
                throw NotAZip();
            }

            entries = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32));
            directorySize = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40));
            directoryOffset = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(48));
        }

        // Counted before anything else is read: a zip of a million empty entries is refused here, not parsed.
        if (entries > (ulong)limits.MaxZipEntries)
        {
            throw TooManyEntries(limits);
        }

        if (directorySize > MaxDirectoryBytes || directoryOffset + directorySize > (ulong)length)
        {
            throw new DocumentReadException(DocumentProblem.Corrupt, "The file's zip directory is damaged or oversized.");
        }

        var directory = new byte[(int)directorySize];
        file.Position = (long)directoryOffset;
        file.ReadExactly(directory);
        var found = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        var at = 0;
        while (at + 46 <= directory.Length && BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(at)) == DirectoryHeader)
        {
            if (found.Count >= limits.MaxZipEntries)
            {
                throw TooManyEntries(limits);
            }

            var header = directory.AsSpan(at);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
            if (at + 46 + nameLength + extraLength + commentLength > directory.Length)
            {
                break;
            }

            var name = Encoding.UTF8.GetString(header.Slice(46, nameLength));
            ReadZip64Extra(header.Slice(46 + nameLength, extraLength), ref size, ref compressed, ref offset);
            found.TryAdd(name.TrimStart('/'), new Entry(name, flags, method, compressed, size, offset));
            at += 46 + nameLength + extraLength + commentLength;
        }

        if (found.Count == 0)
        {
            throw NotAZip();
        }

        return new ZipPackage(file, budget, found);
    }

    /// <summary>
    /// The inflated content of one entry, or null when there is none by that name. Its declared size is checked
    /// against what is left of the budget before a byte is inflated; the stream then enforces both.
    /// </summary>
    public Stream? OpenEntry(string name)
    {
        if (!_entries.TryGetValue(name.TrimStart('/'), out var entry))
        {
            return null;
        }

        if ((entry.Flags & 1) != 0)
        {
            throw new DocumentReadException(DocumentProblem.Encrypted, "The document is protected with a password.");
        }

        if (entry.Size > _budget.Remaining)
        {
            throw new DocumentReadException(DocumentProblem.TooComplex,
                $"'{entry.Name}' declares {entry.Size:N0} bytes once decompressed, more than Parley reads from one document; it was not read.");
        }

        var local = new byte[30];
        if (entry.LocalHeaderOffset > _file.Length - 30)
        {
            throw NotAZip();
        }

        _file.Position = entry.LocalHeaderOffset;
        _file.ReadExactly(local);
        if (BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalHeader)
        {
            throw NotAZip();
        }

        var dataStart = entry.LocalHeaderOffset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28));
        var compressed = Math.Min(entry.CompressedSize, Math.Max(0, _file.Length - dataStart));
        Stream raw = new StreamWindow(_file, dataStart, compressed);
        var data = entry.Method switch
        {
            0 => raw,
            8 => new DeflateStream(raw, CompressionMode.Decompress),
            _ => throw new DocumentReadException(DocumentProblem.Unsupported, $"'{entry.Name}' uses a compression method Parley does not read ({entry.Method})."),
        };
        return new CappedReadStream(data, entry.Size, _budget, $"'{entry.Name}'");
    }

    /// <summary>Sizes and offset of 0xFFFFFFFF are in the zip64 extra field (id 1), in this order, when present.</summary>
    private static void ReadZip64Extra(ReadOnlySpan<byte> extra, ref long size, ref long compressed, ref long offset)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (length > extra.Length - 4)
            {
                return;
            }

            if (id == 1)
            {
                var field = extra.Slice(4, length);
                if (size == 0xFFFFFFFF && field.Length >= 8)
                {
                    size = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(field), long.MaxValue);
                    field = field[8..];
                }

                if (compressed == 0xFFFFFFFF && field.Length >= 8)
                {
                    compressed = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(field), long.MaxValue);
                    field = field[8..];
                }

                if (offset == 0xFFFFFFFF && field.Length >= 8)
                {
                    offset = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(field), long.MaxValue);
                }

                return;
            }

            extra = extra[(4 + length)..];
        }
    }

    private static DocumentReadException NotAZip() => new(DocumentProblem.Corrupt, "The file is not a readable DOCX document (its zip structure is damaged).");

    private static DocumentReadException TooManyEntries(DocumentLimits limits) => new(DocumentProblem.TooComplex,
        $"The file holds more than {limits.MaxZipEntries:N0} parts; it was not read.");
}
