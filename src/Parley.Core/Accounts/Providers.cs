namespace Parley.Core.Accounts;

public static class Providers
{
    public const string Sandbox = "sandbox";
    public const string Meta = "meta";
    public const string Twilio = "twilio";
    public const string Acs = "acs";

    public static readonly IReadOnlyList<string> All = [Sandbox, Meta, Twilio, Acs];
}
