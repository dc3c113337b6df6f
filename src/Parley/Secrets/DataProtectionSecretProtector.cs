using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using Parley.Core.Secrets;

namespace Parley.Secrets;

/// <summary>Core's <see cref="ISecretProtector"/> over ASP.NET Core Data Protection: one protector per purpose.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly ConcurrentDictionary<string, IDataProtector> _protectors = new(StringComparer.Ordinal);

    public string Protect(string purpose, string plaintext) => For(purpose).Protect(plaintext);

    public string Unprotect(string purpose, string protectedText) => For(purpose).Unprotect(protectedText);

    private IDataProtector For(string purpose) => _protectors.GetOrAdd(purpose, provider.CreateProtector);
}
