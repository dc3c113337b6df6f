using System.Text.Json;

namespace Parley.Booking.Chat;

/// <summary>What the resort bot remembers between messages of a conversation (stored as the conversation's session).</summary>
public sealed record ResortSession
{
    public string? Language { get; init; }

    /// <summary>The slot whose party size the bot asked for (a typed number answers it).</summary>
    public long? AwaitingPartyFor { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ResortSession Parse(string? session)
    {
        if (string.IsNullOrWhiteSpace(session) || !session.TrimStart().StartsWith('{'))
        {
            return new ResortSession();
        }

        try
        {
            return JsonSerializer.Deserialize<ResortSession>(session, Json) ?? new ResortSession();
        }
        catch (JsonException)
        {
            return new ResortSession();
        }
    }

    public string Serialize() => JsonSerializer.Serialize(this, Json);
}
