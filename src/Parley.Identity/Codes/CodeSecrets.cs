using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Parley.Core.Secrets;
using Parley.Core.Storage;

namespace Parley.Identity.Codes;

/// <summary>
/// The cryptography of one-time codes: 6 digits from the operating system's CSPRNG; the stored form is
/// HMAC-SHA256(key, phone, code) under a 256-bit key that is made once, kept in <c>identity_keys</c> encrypted with the
/// host's data-protection key ring (<see cref="ISecretProtector"/>), and shared by every instance. A copy of the database
/// alone cannot test the million possible codes against the hashes. While a code waits to be sent it is also kept
/// sealed (encrypted) for the channel.
/// </summary>
public sealed class CodeSecrets(Database database, ISecretProtector protector, TimeProvider time)
{
    public const int Digits = 6;

    /// <summary>How a code appears wherever Parley stores or shows the message that carries it.</summary>
    public const string Mask = "••••••";

    private const string KeyName = "code-hmac-v1";
    private const string KeyPurpose = "Parley.Identity.CodeKey.v1";
    private const string SealPurpose = "Parley.Identity.CodeSeal.v1";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Six ASCII digits, after removing spaces and dashes people type (<c>123 456</c>, <c>123-456</c>).</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var digits = new StringBuilder(Digits);
        foreach (var ch in typed.Trim())
        {
            if (ch is ' ' or '-' or '\u00A0')
            {
                continue;
            }

            if (ch is < '0' or > '9' || digits.Length == Digits)
            {
                return null;
            }

            digits.Append(ch);
        }

        return digits.Length == Digits ? digits.ToString() : null;
    }

    public async Task<string> HashAsync(string phone, string code, CancellationToken ct)
    {
        var key = await KeyAsync(ct);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(phone + "\n" + code)));
    }

    /// <summary>Whether <paramref name="code"/> is the one hashed in <paramref name="storedHash"/>; compared in constant time.</summary>
    public async Task<bool> MatchesAsync(string phone, string code, string storedHash, CancellationToken ct)
    {
        var candidate = Convert.FromHexString(await HashAsync(phone, code, ct));
        byte[] stored;
        try
        {
            stored = Convert.FromHexString(storedHash);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(candidate, stored);
    }

    public string Seal(string code) => protector.Protect(SealPurpose, code);

    public string Unseal(string sealedCode) => protector.Unprotect(SealPurpose, sealedCode);

    private async ValueTask<byte[]> KeyAsync(CancellationToken ct)
    {
        if (_key is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_key is not null)
            {
                return _key;
            }

            await using var c = await database.OpenAsync(ct);
            var stored = await c.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT protected FROM identity_keys WHERE name = @KeyName", new { KeyName }, cancellationToken: ct));
            if (stored is null)
            {
                // Two instances may both make one: the first insert wins and both read it back.
                var fresh = protector.Protect(KeyPurpose, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO identity_keys (name, protected, created_at) VALUES (@KeyName, @fresh, @now) ON CONFLICT (name) DO NOTHING",
                    new { KeyName, fresh, now = time.NowMs() }, cancellationToken: ct));
                stored = await c.ExecuteScalarAsync<string>(new CommandDefinition(
                    "SELECT protected FROM identity_keys WHERE name = @KeyName", new { KeyName }, cancellationToken: ct));
            }

            _key = Convert.FromBase64String(protector.Unprotect(KeyPurpose, stored!));
            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }
}
