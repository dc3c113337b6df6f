namespace Parley.Channels.Acs;

/// <summary>Event Grid's subscription validation answer.</summary>
public sealed record AcsValidationResponse(string ValidationResponse);
