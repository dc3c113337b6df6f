using System.ComponentModel.DataAnnotations;

namespace Parley.Admin;

public sealed class AdminOptions : IValidatableObject
{
    public const string SectionName = "Parley:Admin";

    /// <summary>The time zone the admin shows times in (IANA id, like <c>America/Bogota</c>); UTC by default.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// How often an open admin tab checks that its operator still exists with the same role and sessions (a removed,
    /// demoted or signed-out-everywhere operator's tab signs out within this time). At most a minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Parley:Admin:RevalidationInterval must be between 1 second and 1 minute.")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Parley:Admin:TimeZone '{TimeZone}' is not a known time zone id (like UTC or America/Bogota).", [nameof(TimeZone)]);
        }
    }
}
