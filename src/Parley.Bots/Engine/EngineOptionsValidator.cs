using Microsoft.Extensions.Options;

namespace Parley.Bots.Engine;

/// <summary>Stops the start with a sentence that names the wrong key.</summary>
public sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions o)
    {
        var errors = new List<string>();
        const string p = EngineOptions.SectionName;
        if (double.IsNaN(o.IntentThreshold) || o.IntentThreshold is < 0 or > 1)
        {
            errors.Add($"{p}:IntentThreshold must be between 0 and 1, but it is {o.IntentThreshold}.");
        }

        if (o.SessionHistory is < 0 or > 100)
        {
            errors.Add($"{p}:SessionHistory must be between 0 and 100, but it is {o.SessionHistory}.");
        }

        if (o.DataSources.Timeout <= TimeSpan.Zero)
        {
            errors.Add($"{p}:DataSources:Timeout must be positive, but it is {o.DataSources.Timeout}.");
        }

        if (o.DataSources.MaxRows is < 1 or > 10_000)
        {
            errors.Add($"{p}:DataSources:MaxRows must be between 1 and 10000, but it is {o.DataSources.MaxRows}.");
        }

        if (o.DataSources.CacheTtl < TimeSpan.Zero)
        {
            errors.Add($"{p}:DataSources:CacheTtl must not be negative, but it is {o.DataSources.CacheTtl}.");
        }

        if (o.DefinitionsCacheTtl < TimeSpan.Zero)
        {
            errors.Add($"{p}:DefinitionsCacheTtl must not be negative, but it is {o.DefinitionsCacheTtl}.");
        }

        if (!string.IsNullOrWhiteSpace(o.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _))
        {
            errors.Add($"{p}:TimeZone '{o.TimeZone}' is not a time zone this machine knows (use an IANA id like America/Mexico_City).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
