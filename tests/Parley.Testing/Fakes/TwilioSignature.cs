using System.Security.Cryptography;
using System.Text;

namespace Parley.Testing.Fakes;

/// <summary>
/// Signs a webhook the way Twilio does, written independently of Parley's validator so tests can catch it:
/// Base64(HMAC-SHA1(auth token, url + each field name+value, names sorted ordinally; a repeated name's distinct
/// values sorted too)).
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken)
    {
        var data = new StringBuilder(url);
        var byName = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (!byName.TryGetValue(name, out var values))
            {
                byName[name] = values = new SortedSet<string>(StringComparer.Ordinal);
            }

            values.Add(value);
        }

        foreach (var (name, values) in byName)
        {
            foreach (var value in values)
            {
                data.Append(name).Append(value);
            }
        }

        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }
}
