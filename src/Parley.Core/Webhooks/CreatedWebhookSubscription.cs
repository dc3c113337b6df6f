namespace Parley.Core.Webhooks;

/// <summary>A new subscription and its signing secret, shown once.</summary>
public sealed record CreatedWebhookSubscription(WebhookSubscription Subscription, string Secret);
