namespace Parley.Channels.Acs;

/// <summary>The body is not an Event Grid or CloudEvents delivery; the message says why (answer 400).</summary>
public sealed class AcsWebhookFormatException(string message, Exception? inner = null) : FormatException(message, inner);
