namespace Parley.Identity;

/// <summary>What a code check found.</summary>
public abstract record CodeCheckResult
{
    /// <summary>The code was right and is now used up.</summary>
    public sealed record Verified(string Phone) : CodeCheckResult;

    /// <summary>The code was wrong; <paramref name="TriesLeft"/> more tries on the current code (0: it is dead now).</summary>
    public sealed record Wrong(int TriesLeft) : CodeCheckResult;

    /// <summary>The current code has expired: ask for a new one.</summary>
    public sealed record Expired : CodeCheckResult;

    /// <summary>There is no usable code: none was sent, it was used, replaced, or its tries are spent.</summary>
    public sealed record Dead : CodeCheckResult;
}
