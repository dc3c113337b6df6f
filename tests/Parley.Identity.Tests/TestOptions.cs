using Microsoft.Extensions.Options;

namespace Parley.Identity.Tests;

/// <summary>Options for a store under test, with the defaults unless the test changes them.</summary>
public sealed class TestOptions(IdentityOptions? value = null) : IOptionsMonitor<IdentityOptions>
{
    public IdentityOptions CurrentValue { get; } = value ?? new IdentityOptions();

    public IdentityOptions Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<IdentityOptions, string?> listener) => null;
}
