using Parley.Core.Contacts;
using Parley.Core.Interactions;

namespace Parley.Api;

/// <summary>One inbound message as a bot handled it: intent, template, reply, processing time, success or the error.</summary>
public sealed record InteractionView(string Id, string AccountId, string ConversationId, string MessageId, DateTimeOffset CreatedAt)
{
    public string? Bot { get; init; }
    /// <summary>The contact's number in E.164 (or the provider's id when it is not a number).</summary>
    public string? Phone { get; init; }
    /// <summary>What the contact wrote.</summary>
    public string? Text { get; init; }
    /// <summary>How the bot answered: an intent, a flow, the fallback, <c>rate_limited</c>, <c>error</c>, …</summary>
    public string? Route { get; init; }
    public string? Intent { get; init; }
    public double? Confidence { get; init; }
    public string? Template { get; init; }
    /// <summary>The replies, summarized.</summary>
    public string? Response { get; init; }
    public long ProcessingMs { get; init; }
    public bool Success { get; init; }
    public string? Error { get; init; }

    internal static readonly InteractionView Example = new("318", "sandbox", "7", "41", DateTimeOffset.Parse("2026-01-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture))
    {
        Bot = "ministry",
        Phone = "+15550001111",
        Text = "quiero dar un donativo",
        Route = "intent",
        Intent = "donations",
        Confidence = 0.92,
        Template = "vea_info_donativos",
        Response = "Hola Ana, gracias por tu apoyo…",
        ProcessingMs = 38,
        Success = true,
    };

    public static InteractionView From(InteractionEntry e) =>
        new(ApiProblems.Id(e.Id), e.AccountId, ApiProblems.Id(e.ConversationId), ApiProblems.Id(e.MessageId), e.At)
        {
            Bot = e.Bot,
            Phone = e.Contact is { } c && PhoneNumber.TryParseWaId(c, out var phone) ? phone.ToE164() : e.Contact,
            Text = e.Text,
            Route = e.Route,
            Intent = e.Intent,
            Confidence = e.Confidence,
            Template = e.Template,
            Response = e.Response,
            ProcessingMs = e.ProcessingMs,
            Success = e.Success,
            Error = e.Error,
        };
}
