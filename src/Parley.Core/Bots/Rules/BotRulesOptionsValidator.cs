using Microsoft.Extensions.Options;

namespace Parley.Core.Bots.Rules;

/// <summary>Stops the start with a sentence that names the wrong key.</summary>
public sealed class BotRulesOptionsValidator : IValidateOptions<BotRulesOptions>
{
    public ValidateOptionsResult Validate(string? name, BotRulesOptions o)
    {
        var errors = new List<string>();
        const string p = BotRulesOptions.SectionName;
        if (o.RateLimit.Messages < 0)
        {
            errors.Add($"{p}:RateLimit:Messages must be 0 (off) or more, but it is {o.RateLimit.Messages}.");
        }

        if (o.RateLimit.Window <= TimeSpan.Zero)
        {
            errors.Add($"{p}:RateLimit:Window must be positive, like 00:01:00, but it is {o.RateLimit.Window}.");
        }

        if (o.SessionTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{p}:SessionTimeout must be positive, like 00:30:00, but it is {o.SessionTimeout}.");
        }

        if (o.MaxTextLength is < 1 or > 4096)
        {
            errors.Add($"{p}:MaxTextLength must be between 1 and 4096, but it is {o.MaxTextLength}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
