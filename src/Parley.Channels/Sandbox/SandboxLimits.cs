using System.Text.RegularExpressions;

namespace Parley.Channels.Sandbox;

/// <summary>
/// Caps on every field a sandbox client sends, checked before anything is stored: the sandbox takes input from people
/// who need no credentials on loopback, so nothing it accepts may be larger than a real WhatsApp message could carry.
/// </summary>
public static partial class SandboxLimits
{
    public const int MaxFromChars = 32;
    public const int MaxNameChars = 100;
    public const int MaxIdChars = 100;
    /// <summary>WhatsApp's own limit; <see cref="SandboxEndpoints"/> says so in its message.</summary>
    public const int MaxTextChars = 4096;
    public const int MaxChoiceIdChars = 256;
    public const int MaxChoiceTitleChars = 100;
    public const int MaxLocationTextChars = 256;

    /// <summary>A JSON message: the longest text escaped character by character fits with room to spare.</summary>
    public const long MaxJsonBytes = 64 * 1024;

    /// <summary>What a multipart form may carry beside its file.</summary>
    public const long MaxFormFieldsBytes = 64 * 1024;

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex IdPattern();

    /// <summary>Adds an error per field that is too long or malformed (the message names the field and its limit).</summary>
    public static void Check(SandboxInbound body, Dictionary<string, string[]> errors)
    {
        Length(errors, "from", body.From, MaxFromChars);
        if (Length(errors, "name", body.Name, MaxNameChars) && body.Name is { } name && name.Any(char.IsControl))
        {
            errors["name"] = ["'name' may not contain control characters."];
        }

        if (Length(errors, "id", body.Id, MaxIdChars) && !string.IsNullOrWhiteSpace(body.Id) && !IdPattern().IsMatch(body.Id.Trim()))
        {
            errors["id"] = ["'id' may hold only letters, digits and . _ : -"];
        }

        Length(errors, "interactive.id", body.Interactive?.Id, MaxChoiceIdChars);
        Length(errors, "interactive.title", body.Interactive?.Title, MaxChoiceTitleChars);
        Length(errors, "interactive.kind", body.Interactive?.Kind, 20);
        Length(errors, "location.name", body.Location?.Name, MaxLocationTextChars);
        Length(errors, "location.address", body.Location?.Address, MaxLocationTextChars);
        Length(errors, "location.url", body.Location?.Url, MaxLocationTextChars);
    }

    private static bool Length(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            errors[field] = [$"'{field}' may have at most {max:N0} characters."];
            return false;
        }

        return true;
    }
}
