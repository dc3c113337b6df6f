using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Storage;

namespace Parley.Api;

/// <summary>A page of a list, newest first. Pass <see cref="NextCursor"/> as <c>cursor</c> to get the next page; absent on the last.</summary>
public sealed record PageView<T>(IReadOnlyList<T> Items, string? NextCursor);

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

/// <summary>The API's error answers, all RFC 7807 problem details.</summary>
public static class ApiProblems
{
    public const string InvalidCursor = "'cursor' is not a cursor this API gave out; start again without it.";

    /// <summary>400 with <c>errors</c> keyed by the field that failed.</summary>
    public static ValidationProblem Validation(IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: "The request is not valid");

    public static ValidationProblem Validation(string field, string message) => Validation([new FieldError(field, message)]);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static ProblemHttpResult Unprocessable(string title, string detail, string? code = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: title,
            extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
