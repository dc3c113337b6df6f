using System.Text.Json.Nodes;

namespace Parley.Channels.Acs;

/// <summary>One ACS notification: its <c>kind</c>, the api-version that defines that kind, and the request body.</summary>
public sealed record AcsNotification(string Kind, string ApiVersion, JsonObject Body);
