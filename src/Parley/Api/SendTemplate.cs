using Parley.Core.Messaging;

namespace Parley.Api;

public sealed record SendTemplate
{
    public string? Name { get; init; }
    /// <summary>Language code as approved, like es or en_US.</summary>
    public string? Language { get; init; }
    /// <summary>Body values for {{1}}, {{2}}, ... in order.</summary>
    public IReadOnlyList<string>? Parameters { get; init; }
    /// <summary>Body values for named placeholders ({{first_name}}).</summary>
    public IReadOnlyDictionary<string, string>? NamedParameters { get; init; }
    public IReadOnlyList<string>? HeaderParameters { get; init; }
    /// <summary>Media for a template with an image, video or document header.</summary>
    public SendMedia? HeaderMedia { get; init; }
    public IReadOnlyList<TemplateButtonParameter>? Buttons { get; init; }
}
