namespace Parley.Api;

/// <summary>Example bodies for an endpoint's OpenAPI description: the request, and answers by status code.</summary>
public sealed record ApiExamples(object? Request, IReadOnlyDictionary<int, object> Responses);
