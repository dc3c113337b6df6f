using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Parley.Bots.Engine.DataSources;

/// <summary>A data result as compact JSON that keeps each value's .NET type (templates format by type).</summary>
internal static class DataResultCodec
{
    public static byte[] Encode(DataResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteBoolean("truncated", result.Truncated);
            w.WriteStartArray("rows");
            foreach (var row in result.Rows)
            {
                w.WriteStartArray();
                foreach (var (name, value) in row)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(name);
                    WriteValue(w, value);
                    w.WriteEndArray();
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static DataResult Decode(byte[] bytes)
    {
        using var json = JsonDocument.Parse(bytes);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var r in json.RootElement.GetProperty("rows").EnumerateArray())
        {
            var row = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var column in r.EnumerateArray())
            {
                row[column[0].GetString()!] = ReadValue(column[1].GetString()!, column[2]);
            }

            rows.Add(row);
        }

        return new DataResult(rows, json.RootElement.GetProperty("truncated").GetBoolean());
    }

    private static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteStringValue("n"); w.WriteNullValue(); break;
            case string s: w.WriteStringValue("s"); w.WriteStringValue(s); break;
            case int i: w.WriteStringValue("i"); w.WriteNumberValue(i); break;
            case long l: w.WriteStringValue("l"); w.WriteNumberValue(l); break;
            case short h: w.WriteStringValue("i"); w.WriteNumberValue(h); break;
            case double d: w.WriteStringValue("d"); w.WriteStringValue(d.ToString("R", CultureInfo.InvariantCulture)); break;
            case float f: w.WriteStringValue("f"); w.WriteStringValue(f.ToString("R", CultureInfo.InvariantCulture)); break;
            case decimal m: w.WriteStringValue("m"); w.WriteStringValue(m.ToString(CultureInfo.InvariantCulture)); break;
            case bool b: w.WriteStringValue("b"); w.WriteBooleanValue(b); break;
            case DateTime t: w.WriteStringValue("t"); w.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset o: w.WriteStringValue("o"); w.WriteStringValue(o.ToString("O", CultureInfo.InvariantCulture)); break;
            case Guid g: w.WriteStringValue("g"); w.WriteStringValue(g.ToString()); break;
            case byte[] x: w.WriteStringValue("x"); w.WriteBase64StringValue(x); break;
            default: w.WriteStringValue("s"); w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static object? ReadValue(string tag, JsonElement v) => tag switch
    {
        "n" => null,
        "i" => v.GetInt32(),
        "l" => v.GetInt64(),
        "d" => double.Parse(v.GetString()!, CultureInfo.InvariantCulture),
        "f" => float.Parse(v.GetString()!, CultureInfo.InvariantCulture),
        "m" => decimal.Parse(v.GetString()!, CultureInfo.InvariantCulture),
        "b" => v.GetBoolean(),
        "t" => DateTime.Parse(v.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        "o" => DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        "g" => Guid.Parse(v.GetString()!),
        "x" => v.GetBytesFromBase64(),
        _ => v.GetString(),
    };
}
