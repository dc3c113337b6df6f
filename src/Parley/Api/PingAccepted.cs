namespace Parley.Api;

public sealed record PingAccepted(string DeliveryId);
