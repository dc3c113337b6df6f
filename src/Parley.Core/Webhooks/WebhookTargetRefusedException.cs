namespace Parley.Core.Webhooks;

/// <summary>A webhook receiver <see cref="WebhookTargets"/> refuses (a loopback, private or link-local address); the message says why and which setting allows it.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
