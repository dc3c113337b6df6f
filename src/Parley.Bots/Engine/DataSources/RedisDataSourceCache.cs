using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Parley.Core.Redis;
using StackExchange.Redis;

namespace Parley.Bots.Engine.DataSources;

/// <summary>
/// Data source results in Redis for their time to live, shared by every instance: a query answered on one instance
/// is not run again on another. Keys are hashes (the bound values can be a user's words). <see cref="Clear"/> moves
/// every instance to a new generation of keys (the old ones expire by themselves). Without Redis, or while it is down,
/// the in-process <see cref="MemoryDataSourceCache"/> answers.
/// </summary>
public sealed class RedisDataSourceCache(RedisConnection redis, MemoryDataSourceCache local) : IDataSourceCache
{
    // KEYS: 1 the generation counter. ARGV: 1 the entry's key without its generation.
    // Returns { generation, entry or false } in one round trip.
    private const string ReadScript =
        """
        local generation = redis.call('GET', KEYS[1]) or '0'
        return { generation, redis.call('GET', ARGV[1] .. ':' .. generation) }
        """;

    public async Task<DataResult> GetOrAddAsync(string key, TimeSpan ttl, Func<CancellationToken, Task<DataResult>> load, CancellationToken ct)
    {
        var entry = redis.Key("ds:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        var read = await redis.TryAsync(db => db.ScriptEvaluateAsync(ReadScript, [redis.Key("ds:generation")], [entry.ToString()]), ct);
        if (!read.Ok)
        {
            return await local.GetOrAddAsync(key, ttl, load, ct);
        }

        var parts = (RedisResult[])read.Value!;
        var generation = (string?)parts[0] ?? "0";
        if (!parts[1].IsNull && (byte[]?)parts[1] is { } cached)
        {
            return DataResultCodec.Decode(cached);
        }

        var result = await load(ct);
        var bytes = DataResultCodec.Encode(result);
        // A failed write only costs another instance a query; the result is returned either way.
        await redis.TryAsync(db => db.StringSetAsync($"{entry}:{generation}", bytes, ttl), ct);
        return result;
    }

    public async Task ClearAsync(CancellationToken ct = default)
    {
        await local.ClearAsync(ct);
        // While Redis is down this instance cannot tell the others; their entries still expire with their TTL.
        await redis.TryAsync(db => db.StringIncrementAsync(redis.Key("ds:generation")), ct);
    }
}

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
