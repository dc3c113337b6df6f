namespace Parley.Core.Messaging;

public sealed record TemplateContent(string Name, string Language)
{
    /// <summary>Body parameters, in order.</summary>
    public IReadOnlyList<string>? BodyParameters { get; init; }
    public IReadOnlyList<string>? HeaderParameters { get; init; }
    public MediaInfo? HeaderMedia { get; init; }
    public IReadOnlyList<TemplateButtonParameter>? Buttons { get; init; }
    /// <summary>Provider-side template id where the provider needs one (Twilio ContentSid).</summary>
    public string? ProviderTemplateId { get; init; }
    /// <summary>The text as rendered locally, shown in history and in the sandbox.</summary>
    public string? RenderedText { get; init; }
}
