namespace Parley.Api;

/// <summary>One field of a multipart/form-data request body, for the OpenAPI document.</summary>
public sealed record FormField(string Name, string Description, bool Required = false, bool File = false);
