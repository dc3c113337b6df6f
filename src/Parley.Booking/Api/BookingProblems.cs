using Microsoft.AspNetCore.Http;
using Parley.Booking.Model;

namespace Parley.Booking.Api;

/// <summary>
/// The booking API's refusals as RFC 7807 problem details: <c>errors</c> names the field (also on a 409), <c>code</c> says
/// which rule refused (<see cref="BookingError"/>), <c>detail</c> what to do.
/// </summary>
public static class BookingProblems
{
    /// <param name="field">The field named when the refusal names none (the booking's <c>reference</c>).</param>
    public static IResult From(BookingError error, string field = "reference")
    {
        field = error.Field ?? field;
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = error.Code,
            ["errors"] = new Dictionary<string, string[]> { [field] = [error.Message] },
        };
        return error.Status == StatusCodes.Status400BadRequest
            ? Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [error.Message] }, detail: error.Message,
                title: "The request is not valid", extensions: new Dictionary<string, object?> { ["code"] = error.Code })
            : Results.Problem(error.Message, statusCode: error.Status, title: Title(error), extensions: extensions);
    }

    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid");

    public static IResult Invalid(IReadOnlyList<(string Field, string Message)> errors) =>
        Results.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: "The request is not valid");

    public static IResult NotFound(string field, string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    public static IResult Conflict(string field, string detail, string code) =>
        Results.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict",
            extensions: new Dictionary<string, object?> { ["code"] = code, ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    private static string Title(BookingError error) => error.Code switch
    {
        BookingError.SlotFull => "The slot is full",
        BookingError.SlotClosed => "The slot is closed",
        BookingError.SlotPast => "The slot has started",
        BookingError.HoldExpired => "The hold has expired",
        BookingError.CancelDeadline => "Too late to cancel",
        BookingError.NotFound or BookingError.SlotNotFound => "Not found",
        _ => "Conflict",
    };
}
