using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Parley.Hosting;

/// <summary>
/// What the operator reads when the server cannot start: one line for what they can fix (a busy port, a setting, a
/// missing certificate), the whole exception only for what looks like a bug.
/// </summary>
public static partial class StartFailure
{
    /// <summary>One line for an operator's problem; null when the exception should be shown whole.</summary>
    public static string? Describe(Exception exception)
    {
        var ex = exception is AggregateException { InnerExceptions.Count: 1 } agg ? agg.InnerExceptions[0] : exception;
        if (ex is IOException { InnerException: AddressInUseException } || ex is AddressInUseException)
        {
            var address = BindAddress().Match(ex.Message) is { Success: true } m ? m.Groups[1].Value : "the configured address";
            return $"error: cannot listen on {address}: the address is already in use (another Parley or another program). "
                + "Choose another with --urls (for example --urls=http://localhost:5001) or ASPNETCORE_URLS.";
        }

        return ex switch
        {
            OptionsValidationException or InvalidOperationException or UnauthorizedAccessException or FormatException or IOException
                => "error: " + OneLine(ex.Message),
            _ => null,
        };
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"address (\S+?):? address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BindAddress();
}
