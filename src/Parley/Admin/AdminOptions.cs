using System.ComponentModel.DataAnnotations;

namespace Parley.Admin;

public sealed class AdminOptions : IValidatableObject
{
    public const string SectionName = "Parley:Admin";

    /// <summary>The time zone the admin shows times in (IANA id, like <c>America/Bogota</c>); UTC by default.</summary>
    public string TimeZone { get; set; } = "UTC";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Parley:Admin:TimeZone '{TimeZone}' is not a known time zone id (like UTC or America/Bogota).", [nameof(TimeZone)]);
        }
    }
}
