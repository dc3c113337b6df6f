namespace Parley.Clinic.Access;

/// <summary>The policy's answer: allowed or not, and, for an allowed read of patient details, whether they are masked.</summary>
public sealed record AccessDecision(bool Allowed, bool Masked)
{
    public static AccessDecision Refused { get; } = new(false, true);
    public static AccessDecision Full { get; } = new(true, false);
    public static AccessDecision MaskedOnly { get; } = new(true, true);
}
