using Parley.Channels.Media;
using Parley.Core.Messaging;

namespace Parley.Channels.Sandbox;

/// <summary>A message as the sandbox page shows it (the contract in CONTRACTS.md, "Sandbox channel").</summary>
public sealed record SandboxMessageView(
    string Id,
    string Direction,
    string Type,
    string? Text,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset StatusAt)
{
    public InteractiveContent? Interactive { get; init; }
    public InteractiveReply? Reply { get; init; }
    public SandboxMediaView? Media { get; init; }
    public LocationInfo? Location { get; init; }
    public IReadOnlyList<ContactCard>? Contacts { get; init; }
    public TemplateContent? Template { get; init; }
    public ReactionInfo? Reaction { get; init; }
    public SandboxErrorView? Error { get; init; }

    /// <summary>An inbound message the bot has not finished with yet: the page shows "typing…" meanwhile.</summary>
    public bool? Working { get; init; }

    public static SandboxMessageView From(StoredMessage m, string accountId)
    {
        var c = m.Content;
        return new SandboxMessageView(
            m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            m.Direction,
            c.Type,
            c.Type == MessageTypes.Template ? c.Template?.RenderedText ?? c.Text : c.Text,
            m.Status.ToWire(),
            m.CreatedAt,
            m.StatusAt)
        {
            Interactive = c.Interactive,
            Reply = c.Reply,
            Media = c.Media is null ? null : new SandboxMediaView(
                c.Media.StoredId is null ? c.Media.Url : $"/api/v1/sandbox/{accountId}/media/{c.Media.StoredId}{MessageMediaFiles.ForMessage(m.Id)}",
                c.Media.MimeType, c.Media.FileName, c.Media.Size, c.Media.Voice),
            Location = c.Location,
            Contacts = c.Contacts,
            Template = c.Template,
            Reaction = c.Reaction,
            Error = m.Status == MessageStatus.Failed ? new SandboxErrorView(m.ErrorCode, m.ErrorReason) : null,
            Working = m.IsInbound && m.ProcessState == ProcessStates.Pending ? true : null,
        };
    }
}
