namespace Parley.Core.Operators;

/// <summary>The outcome of <see cref="PasswordHashing.Verify"/>.</summary>
public enum PasswordCheck
{
    Failed,
    Succeeded,

    /// <summary>Right password, weaker parameters than today's: store a new hash.</summary>
    SucceededRehashNeeded,
}
