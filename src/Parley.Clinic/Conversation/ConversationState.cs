using System.Text.Json;

namespace Parley.Clinic.Conversation;

/// <summary>
/// What the clinic bot keeps in the conversation's session between messages: the language and an appointment being
/// booked (ids and a time, no clinical content). The sign-in itself is Identity's.
/// </summary>
public sealed record ConversationState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string? Language { get; init; }
    public ScheduleDraft? Schedule { get; init; }

    public static ConversationState Read(string? session)
    {
        if (string.IsNullOrWhiteSpace(session) || !session.TrimStart().StartsWith('{'))
        {
            return new ConversationState();
        }

        try
        {
            return JsonSerializer.Deserialize<ConversationState>(session, Json) ?? new ConversationState();
        }
        catch (JsonException)
        {
            return new ConversationState();
        }
    }

    public string Write() => JsonSerializer.Serialize(this, Json);
}
