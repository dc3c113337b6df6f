namespace Parley.Clinic.Access;

/// <summary>The result of a guarded read: the value when allowed, nothing when refused.</summary>
public sealed record Guarded<T>(bool Allowed, T? Value)
{
    public static Guarded<T> Refused { get; } = new(false, default);

    public static Guarded<T> Of(T value) => new(true, value);
}
