using System.Globalization;
using System.Text;
using Parley.Core.Storage;

namespace Parley.Api;

/// <summary>
/// Opaque cursors for keyset paging: base64url of the last id seen. Clients must not build them; the format
/// may change (the <c>v1:</c> prefix lets it).
/// </summary>
public static class ApiCursor
{
    public static string Encode(long lastId) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("v1:" + lastId.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? cursor, out long? beforeId)
    {
        beforeId = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(b64));
            if (text.StartsWith("v1:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                beforeId = id;
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }

    public static PageView<TView> ToView<T, TView>(this Page<T> page, Func<T, TView> map) =>
        new(page.Items.Select(map).ToList(), page.NextBeforeId is { } id ? Encode(id) : null);
}
