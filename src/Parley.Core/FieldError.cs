namespace Parley.Core;

/// <summary>
/// One problem with a request, named by its field as the caller wrote it (<c>to</c>, <c>interactive.buttons[1].title</c>,
/// <c>Parley:Accounts:0:AccessToken</c>). The API turns a list of them into RFC 7807 validation problem details.
/// </summary>
public sealed record FieldError(string Field, string Message);
