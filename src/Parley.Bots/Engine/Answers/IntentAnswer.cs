namespace Parley.Bots.Engine.Answers;

/// <summary>
/// How an intent is answered: a template, filled from a data source's row, the contact and the message.
/// </summary>
public sealed record IntentAnswer
{
    /// <summary>The template name (the contact's language is preferred among its languages).</summary>
    public string? Template { get; init; }

    /// <summary>The data source whose row fills the template; its columns fill parameters of the same name.</summary>
    public string? DataSource { get; init; }

    /// <summary>
    /// Columns to compare with the message to pick the row the contact names ("el evento Noche de Alabanza").
    /// Without them, or when the message names none, the first row is used.
    /// </summary>
    public IReadOnlyList<string> Match { get; init; } = [];

    /// <summary>Arguments for the data source's <c>@parameters</c>: expressions like <c>{{message_text}}</c> or literals.</summary>
    public IReadOnlyDictionary<string, string> Args { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Template parameters computed from the row and the contact: <c>event_date: "{{starts_at|datetime}}"</c>.
    /// Formats: <c>date</c>, <c>time</c>, <c>datetime</c> (Unix ms or dates, in the account's time zone), <c>upper</c>, <c>lower</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>Plain text sent when the template cannot be filled (a required parameter has no value); placeholders allowed.</summary>
    public string? Text { get; init; }
}
