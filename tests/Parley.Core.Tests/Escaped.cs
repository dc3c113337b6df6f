using System.Text.RegularExpressions;

namespace Parley.Core.Tests;

/// <summary>
/// Theory data goes through UTF-8 on its way to the test, which turns lone surrogates into U+FFFD;
/// such inputs are written escaped ("a\\uD800b") and decoded inside the test.
/// </summary>
internal static class Escaped
{
    public static string Decode(string escaped) => Regex.Unescape(escaped);
}
