namespace Parley.Core.Bots.Rules;

public sealed class RateLimitOptions
{
    /// <summary>Messages a contact may send per <see cref="Window"/>; 0 turns the limit off.</summary>
    public int Messages { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(60);
}
