using System.Globalization;

namespace Parley.Channels.Meta;

/// <summary>Meta's error body: <c>{"error": {"message", "type", "code", "error_subcode", "error_data": {"details"}, "fbtrace_id"}}</c>.</summary>
public sealed record MetaError(int Code, string? Message)
{
    public int? Subcode { get; init; }
    public string? Type { get; init; }
    public string? Details { get; init; }
    public string? FbTraceId { get; init; }

    /// <summary>"(#130429) Rate limit hit: Cloud API message throughput has been reached."</summary>
    public string Describe()
    {
        var code = Code.ToString(CultureInfo.InvariantCulture);
        var message = string.IsNullOrWhiteSpace(Message) ? $"(#{code}) Error" : Message.Trim();
        if (!message.Contains(code, StringComparison.Ordinal))
        {
            message = $"(#{code}) {message}";
        }

        return string.IsNullOrWhiteSpace(Details) || message.Contains(Details, StringComparison.Ordinal) ? message : $"{message}: {Details.Trim()}";
    }
}
