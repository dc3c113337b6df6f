namespace Parley.Tests.Observability;

/// <summary>A test that runs <c>promtool</c>: reported skipped where Debian's <c>prometheus</c> package is not installed.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PromtoolFactAttribute : FactAttribute
{
    public PromtoolFactAttribute()
    {
        if (Path is null)
        {
            Skip = "Needs promtool (Debian package prometheus); .ci/run installs it.";
        }
    }

    /// <summary>promtool on the PATH, or null.</summary>
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => System.IO.Path.Combine(d, "promtool"))
        .FirstOrDefault(File.Exists);
}
