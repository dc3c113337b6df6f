using System.ComponentModel.DataAnnotations;

namespace Parley.Core.Storage;

public sealed class DatabaseOptions
{
    public const string SectionName = "Parley:Database";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    [Required]
    [RegularExpression("^(?i)(sqlite|postgres|postgresql)$", ErrorMessage = "Parley:Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Apply pending migrations when the server starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Group commit for the workers' writes (claims, leases, replies, send outcomes): units that arrive together share
    /// one transaction. Unset: on for SQLite, off for PostgreSQL (docs/performance.md).
    /// </summary>
    public bool? GroupWrites { get; set; }
}
