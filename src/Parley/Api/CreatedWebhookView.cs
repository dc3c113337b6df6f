namespace Parley.Api;

/// <summary>The new subscription and its signing secret, shown this once.</summary>
public sealed record CreatedWebhookView(WebhookView Webhook, string Secret);
