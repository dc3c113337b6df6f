using System.ComponentModel.DataAnnotations;
using Parley.Core.Maintenance;

namespace Parley.Bots.Engine.Interactions;

/// <summary>The engine's share of <c>Parley:Retention</c>: how long the interaction log is kept.</summary>
public sealed class InteractionRetentionOptions : IValidatableObject
{
    public const string SectionName = RetentionOptions.SectionName;

    /// <summary>Bot interaction logs (<c>bot_interactions</c>) older than this are deleted. Empty: kept (the default).</summary>
    public TimeSpan? InteractionLogs { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (InteractionLogs is { } logs && logs < TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Parley:Retention:InteractionLogs must be at least 1 day (or empty to keep them).", [nameof(InteractionLogs)]);
        }
    }
}
