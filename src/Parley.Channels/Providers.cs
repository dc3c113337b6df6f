namespace Parley.Channels;

/// <summary>The provider names accounts use, one per channel in this project.</summary>
public static class Providers
{
    public const string Sandbox = "sandbox";
    public const string Meta = "meta";
    public const string Twilio = "twilio";
    public const string Acs = "acs";
}
