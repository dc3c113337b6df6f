namespace Parley.Core.Storage;

/// <summary>Times are stored as Unix milliseconds (see docs/adr/001-schema-migrations.md).</summary>
public static class Clock
{
    public static long NowMs(this TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
