using Microsoft.Extensions.Options;

namespace Parley.Secrets;

/// <summary>Stops the start when the key ring's certificate is configured but cannot be used, naming the setting.</summary>
public sealed class KeyRingOptionsValidator : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        if (!KeyRingCertificate.TryLoad(options, out var certificate, out var error))
        {
            return ValidateOptionsResult.Fail(error!);
        }

        certificate?.Dispose();
        return ValidateOptionsResult.Success;
    }
}
