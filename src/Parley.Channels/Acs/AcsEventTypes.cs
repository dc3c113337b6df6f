namespace Parley.Channels.Acs;

/// <summary>Event types ACS and Event Grid deliver to the webhook.</summary>
public static class AcsEventTypes
{
    public const string MessageReceived = "Microsoft.Communication.AdvancedMessageReceived";
    public const string DeliveryStatusUpdated = "Microsoft.Communication.AdvancedMessageDeliveryStatusUpdated";
    public const string SubscriptionValidation = "Microsoft.EventGrid.SubscriptionValidationEvent";
}
