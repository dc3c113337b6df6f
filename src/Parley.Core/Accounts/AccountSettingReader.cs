using System.Globalization;
using Parley.Core.Contacts;
using Parley.Core.Text;

namespace Parley.Core.Accounts;

/// <summary>
/// Reads an account's own settings (<c>Parley:Accounts:{n}:Key</c>) with checks: a wrong value throws an
/// <see cref="InvalidOperationException"/> with a sentence that names the key. Lists are comma-separated
/// (<c>AllowList=+15550001111,+15550002222</c>) or indexed (<c>AllowList:0</c>, <c>AllowList:1</c>).
/// </summary>
public sealed class AccountSettingReader(Account account)
{
    private readonly Dictionary<string, string> _settings = new(account.Settings, StringComparer.OrdinalIgnoreCase);

    public Account Account => account;

    /// <summary>The trimmed value, or null when the key is missing or blank.</summary>
    public string? Get(string key) =>
        _settings.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>Every key with its value (for prefixed groups like <c>Texts:es:fallback</c>).</summary>
    public IEnumerable<KeyValuePair<string, string>> All => _settings;

    /// <summary>Entries of a list setting, written comma-separated, indexed (<c>Key:0</c>) or both.</summary>
    public IEnumerable<string> Entries(string key)
    {
        foreach (var (k, v) in _settings.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var indexed = k.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase) && int.TryParse(k.AsSpan(key.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _);
            if (!indexed && !string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var entry in (v ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return entry;
            }
        }
    }

    /// <summary>A list of phone numbers as wa_ids (digits).</summary>
    public HashSet<string> Phones(string key)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in Entries(key))
        {
            if (PhoneNumber.TryParse(entry, null, out var number) || PhoneNumber.TryParseWaId(entry, out number))
            {
                set.Add(number.WaId);
            }
            else
            {
                throw Invalid(key, $"'{PhoneMask.Mask(entry)}' is not a phone number in international form (like +15550001111)");
            }
        }

        return set;
    }

    /// <summary>A list of words in matching form (lower case, no accents); <paramref name="defaults"/> (comma-separated) when the account has none.</summary>
    public List<string> Words(string key, string defaults)
    {
        var configured = Entries(key).ToList();
        var source = configured.Count > 0 ? configured : defaults.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return source.Select(TextNormalizer.ForMatching).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    public int? Int(string key, int min, int max)
    {
        if (Get(key) is not { } v)
        {
            return null;
        }

        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Invalid(key, $"it must be a whole number from {min} to {max}, but it is '{v}'");
    }

    public double? Fraction(string key)
    {
        if (Get(key) is not { } v)
        {
            return null;
        }

        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 1
            ? n
            : throw Invalid(key, $"it must be a number from 0 to 1, like 0.75, but it is '{v}'");
    }

    public bool? Bool(string key)
    {
        if (Get(key) is not { } v)
        {
            return null;
        }

        return bool.TryParse(v, out var b) ? b : throw Invalid(key, $"it must be true or false, but it is '{v}'");
    }

    /// <summary>A duration as <c>00:01:30</c> or as whole seconds (<c>90</c>).</summary>
    public TimeSpan? Duration(string key)
    {
        if (Get(key) is not { } v)
        {
            return null;
        }

        // Plain digits are seconds: TimeSpan.Parse would read "60" as sixty days.
        if (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 31_536_000)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return v.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero
            ? span
            : throw Invalid(key, $"it must be a positive duration like 00:01:00 or a number of seconds, but it is '{v}'");
    }

    /// <summary>The error for a wrong value of <paramref name="key"/>, naming the key.</summary>
    public InvalidOperationException Invalid(string key, string why) =>
        new($"Account '{account.Id}' setting {key} (Parley:Accounts:{{n}}:{key}) is wrong: {why}.");
}
