using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Parley.Ai.Chat;
using Parley.Core.Accounts;

namespace Parley.Ai;

/// <summary>
/// Checks <c>Parley:Ai</c> and every <c>Parley:Accounts:{n}:Ai</c> override at start, so a wrong setting stops
/// Parley with a sentence that names the key instead of failing on the first message.
/// </summary>
public sealed class AiOptionsValidator(IConfiguration configuration) : IValidateOptions<AiOptions>
{
    public ValidateOptionsResult Validate(string? name, AiOptions options)
    {
        var problems = AiSettings.From(options).Problems(AiOptions.SectionName).ToList();
        if (problems.Count == 0)
        {
            foreach (var section in configuration.GetSection(ConfiguredAccounts.SectionName).GetChildren())
            {
                var ai = section.GetSection("Ai");
                if (!ai.Exists())
                {
                    continue;
                }

                var settings = ai.AsEnumerable(makePathsRelative: true)
                    .Where(kv => kv.Value is not null)
                    .ToDictionary(kv => AiSettings.AccountPrefix + kv.Key, kv => kv.Value!, StringComparer.OrdinalIgnoreCase);
                var account = new Account(section["Id"] ?? section.Key, section["Provider"] ?? "") { Settings = settings };
                try
                {
                    problems.AddRange(AiSettings.For(options, account, ai.Path).Problems(ai.Path));
                }
                catch (FormatException ex)
                {
                    problems.Add(ex.Message);
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
