namespace Parley.Channels.Meta;

/// <summary>A <c>message_template_status_update</c> or <c>template_category_update</c> change.</summary>
/// <param name="BusinessAccountId">The WABA id (<c>entry[].id</c>) the template belongs to.</param>
public sealed record MetaTemplateEvent(string BusinessAccountId, string Field, string Name, string Language)
{
    public string? TemplateId { get; init; }

    /// <summary>Status events: APPROVED, REJECTED, PAUSED, DISABLED, ARCHIVED, …</summary>
    public string? Event { get; init; }

    public string? Reason { get; init; }

    /// <summary>Category events: the category the template now has (null for an announced, not yet made, change).</summary>
    public string? NewCategory { get; init; }

    public const string StatusField = "message_template_status_update";
    public const string CategoryField = "template_category_update";
}
