using Parley.Core.Messaging;

namespace Parley.Channels.Sandbox;

/// <summary>The JSON body of a sandbox message (the multipart form has the same fields plus <c>file</c>).</summary>
public sealed record SandboxInbound
{
    public string? From { get; init; }
    public string? Name { get; init; }
    public string? Text { get; init; }
    public SandboxChoice? Interactive { get; init; }
    public LocationInfo? Location { get; init; }
    /// <summary>Optional client-chosen id: sending the same id twice stores one message.</summary>
    public string? Id { get; init; }
}
