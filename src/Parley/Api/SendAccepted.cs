namespace Parley.Api;

public sealed record SendAccepted(string Id, string Status, bool Created);
