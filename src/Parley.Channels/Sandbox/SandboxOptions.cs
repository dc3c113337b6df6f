using System.ComponentModel.DataAnnotations;

namespace Parley.Channels.Sandbox;

public sealed class SandboxOptions : IValidatableObject
{
    public const string SectionName = "Parley:Sandbox";

    /// <summary>Shortest <see cref="AccessToken"/> accepted: the token is all that guards the sandbox from the network.</summary>
    public const int MinAccessTokenLength = 16;

    /// <summary>
    /// The built-in sandbox channel and its accounts. Unset: on while every address Parley listens on is loopback (the
    /// two-command start), off as soon as one is not. <c>true</c> turns it on anywhere; beyond loopback it then needs
    /// <see cref="AccessToken"/> or an operator sign-in. <c>false</c> turns it off.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>
    /// When set, every sandbox request needs it: the header <c>X-Sandbox-Token</c>, or the cookie the /sandbox page gets
    /// when the token is entered once. Signed-in operators get in without it (/admin/sandbox).
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>Whether sandbox messages' events go to the outgoing webhooks (they are marked <c>"sandbox": true</c>).</summary>
    public bool OutgoingWebhooks { get; set; }

    /// <summary>How long after a send the simulated phone reports <c>delivered</c>.</summary>
    public TimeSpan DeliveredAfter { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long after a send the simulated person reads the message.</summary>
    public TimeSpan ReadAfter { get; set; } = TimeSpan.FromMilliseconds(1200);

    /// <summary>Largest file the sandbox accepts as an attachment.</summary>
    [Range(1024, 64L * 1024 * 1024, ErrorMessage = "Parley:Sandbox:MaxUploadBytes must be between 1,024 and 67,108,864 (64 MiB).")]
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Messages (and access attempts) one client network may send per minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Parley:Sandbox:MessagesPerMinute must be between 1 and 1,000,000.")]
    public int MessagesPerMinute { get; set; } = 60;

    /// <summary>Reads (threads, contacts, accounts, media) one client network may make per minute; the open page polls about 80 times a minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Parley:Sandbox:ReadsPerMinute must be between 1 and 1,000,000.")]
    public int ReadsPerMinute { get; set; } = 600;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AccessToken is { } token && (token.Trim().Length < MinAccessTokenLength || token.Any(char.IsWhiteSpace)))
        {
            yield return new ValidationResult(
                $"Parley:Sandbox:AccessToken must have at least {MinAccessTokenLength} characters and no spaces (for example the output of `openssl rand -hex 24`).",
                [nameof(AccessToken)]);
        }
    }
}
