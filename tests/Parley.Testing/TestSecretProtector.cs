using System.Security.Cryptography;
using System.Text;
using Parley.Core.Secrets;

namespace Parley.Testing;

/// <summary>
/// Real encryption for tests that run without the host's Data Protection: AES-GCM with a key made per instance, the
/// purpose bound as associated data (so text protected for one purpose cannot be read for another).
/// </summary>
public sealed class TestSecretProtector : ISecretProtector
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Protect(string purpose, string plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[plain.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(_key, tag.Length);
        aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(purpose));
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Unprotect(string purpose, string protectedText)
    {
        var bytes = Convert.FromBase64String(protectedText);
        var nonce = bytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        var tag = bytes.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
        var cipher = bytes.AsSpan(nonce.Length + tag.Length);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(_key, tag.Length);
        aes.Decrypt(nonce, cipher, tag, plain, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plain);
    }
}
