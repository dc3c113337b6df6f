using Parley.Core.Contacts;

namespace Parley.Core.Accounts;

/// <summary>
/// Numbers as an account's people write them: with the account's <c>DefaultCountryCode</c> setting
/// (<c>Parley:Accounts:{n}:DefaultCountryCode</c>, e.g. <c>1</c>), a number written without <c>+</c> or <c>00</c> is read as
/// national in that country; without the setting, only international forms (and wa_ids of 11 digits or more) are read.
/// </summary>
public static class AccountNumbers
{
    public const string DefaultCountryCodeKey = "DefaultCountryCode";

    /// <summary>The account's default country calling code, or null.</summary>
    public static string? DefaultCountryCode(Account? account) => account?.Setting(DefaultCountryCodeKey) is { Length: > 0 } code ? code.Trim() : null;

    /// <summary>Reads <paramref name="input"/> as the account's people write numbers; false if it is not one.</summary>
    public static bool TryParse(Account? account, string? input, out PhoneNumber number)
    {
        try
        {
            return PhoneNumber.TryParse(input, DefaultCountryCode(account), out number);
        }
        catch (ArgumentException)
        {
            // A wrong setting is reported by the account's validation; here the number is read without it.
            return PhoneNumber.TryParse(input, null, out number);
        }
    }

    /// <summary><paramref name="input"/> in E.164 when the account's rules read it, else unchanged (the caller's validation reports it).</summary>
    public static string Normalize(Account? account, string input) => TryParse(account, input, out var number) ? number.ToE164() : input;

    /// <summary>The setting's error, if it is not an assigned country calling code.</summary>
    public static FieldError? Validate(Account account)
    {
        if (DefaultCountryCode(account) is not { } code)
        {
            return null;
        }

        try
        {
            PhoneNumber.TryParse("0", code, out _);
            return null;
        }
        catch (ArgumentException)
        {
            return new FieldError(DefaultCountryCodeKey, $"'{DefaultCountryCodeKey}' must be an assigned country calling code such as 1, 44 or 52, but it is '{code}'.");
        }
    }
}
