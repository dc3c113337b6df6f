using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Parley.Hosting;

/// <summary>
/// Runs every options validator registered with ValidateOnStart (data annotations and IValidateOptions), as the host does
/// at start, and says each problem as a sentence that names the configuration key: <c>Parley:Workers:Concurrency must be
/// between 1 and 1024 (it is '0').</c> instead of "DataAnnotation validation failed for 'WorkerOptions' members: …".
/// The server (before it starts) and <c>validate-config</c> both use it.
/// </summary>
public static partial class OptionsProblems
{
    public static IReadOnlyList<string> Find(IServiceProvider services)
    {
        var configuration = services.GetService<IConfiguration>();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return Describe(ex, configuration);
        }
        catch (AggregateException ex)
        {
            return ex.InnerExceptions.SelectMany(e => e is OptionsValidationException o ? Describe(o, configuration) : [Describe(e)]).ToList();
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            // A value that cannot even be converted (a word where a number or a time span belongs).
            return [Describe(ex)];
        }
    }

    public static IReadOnlyList<string> Describe(OptionsValidationException ex, IConfiguration? configuration) =>
        ex.Failures.Select(f => Describe(ex.OptionsType, f, configuration)).ToList();

    /// <summary>One failure of <paramref name="optionsType"/>, with the key from its <c>SectionName</c> and the value configured.</summary>
    public static string Describe(Type optionsType, string failure, IConfiguration? configuration)
    {
        var m = DataAnnotationFailure().Match(failure);
        var section = optionsType.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string;
        if (!m.Success || section is null)
        {
            return failure;
        }

        var members = m.Groups["members"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var keys = members.Select(member => $"{section}:{member.Trim('\'').Replace('.', ':')}").ToList();
        var error = m.Groups["error"].Value.TrimEnd('.');
        foreach (var member in members)
        {
            // "The field Concurrency must be …", "The Concurrency field is required" → "must be …", "is required".
            error = error.Replace($"The field {member.Trim('\'')} ", "", StringComparison.Ordinal).Replace($"The {member.Trim('\'')} field ", "", StringComparison.Ordinal);
        }

        var value = keys.Count == 1 ? configuration?[keys[0]] : null;
        return $"{string.Join(", ", keys)} {error}{(value is null ? "" : $" (it is '{value}')")}.";
    }

    /// <summary>A conversion failure ("Failed to convert configuration value 'x' at 'Parley:Workers:MaxAttempts' to type 'System.Int32'") in words.</summary>
    public static string Describe(Exception ex)
    {
        var m = ConversionFailure().Match(ex.Message);
        if (!m.Success)
        {
            return ex.InnerException is null ? ex.Message : $"{ex.Message} {ex.InnerException.Message}";
        }

        var kind = m.Groups["type"].Value switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration like 00:05:00 (hh:mm:ss) or 1.00:00:00 (one day)",
            _ => $"a {m.Groups["type"].Value.Split('.')[^1]}",
        };
        return $"{m.Groups["key"].Value} must be {kind} (it is '{m.Groups["value"].Value}').";
    }

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: (?<members>.*?) with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}
