using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Parley.Core.Operators;

/// <summary>
/// Operator passwords: PBKDF2 with HMAC-SHA512, 100,000 iterations, a 128-bit random salt and a 256-bit key, stored as
/// base64 of <c>[0x01][prf][iterations][salt length][salt][key]</c> (integers 32-bit big-endian; prf 2 = HMAC-SHA512,
/// 1 = HMAC-SHA256, 0 = HMAC-SHA1). This is the layout of ASP.NET Core Identity's version-3 hashes, so passwords set by
/// earlier Parley builds (which used that hasher) keep working; a hash weaker than today's parameters verifies and asks
/// to be rehashed.
/// </summary>
public static class PasswordHashing
{
    private const byte FormatMarker = 0x01;
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;
    private const uint Sha512 = 2;
    private const int HeaderBytes = 13;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA512, KeyBytes);
        var output = new byte[HeaderBytes + SaltBytes + KeyBytes];
        output[0] = FormatMarker;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1), Sha512);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(5), Iterations);
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(9), SaltBytes);
        salt.CopyTo(output, HeaderBytes);
        key.CopyTo(output, HeaderBytes + SaltBytes);
        return Convert.ToBase64String(output);
    }

    /// <summary>Checks <paramref name="password"/> against <paramref name="stored"/> in constant time for a given hash.</summary>
    public static PasswordCheck Verify(string stored, string password)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(stored);
        }
        catch (FormatException)
        {
            return PasswordCheck.Failed;
        }

        if (bytes.Length < HeaderBytes || bytes[0] != FormatMarker)
        {
            return PasswordCheck.Failed;
        }

        var prf = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5));
        var saltLength = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
        HashAlgorithmName? algorithm = prf switch
        {
            0 => HashAlgorithmName.SHA1,
            1 => HashAlgorithmName.SHA256,
            2 => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (algorithm is null || iterations is 0 or > 10_000_000 || saltLength < 8 || HeaderBytes + saltLength >= bytes.Length)
        {
            return PasswordCheck.Failed;
        }

        var salt = bytes.AsSpan(HeaderBytes, (int)saltLength);
        var expected = bytes.AsSpan(HeaderBytes + (int)saltLength);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt.ToArray(), (int)iterations, algorithm.Value, expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordCheck.Failed;
        }

        return prf != Sha512 || iterations < Iterations || saltLength < SaltBytes || expected.Length < KeyBytes
            ? PasswordCheck.SucceededRehashNeeded
            : PasswordCheck.Succeeded;
    }
}
