using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;

namespace Parley.Api;

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
