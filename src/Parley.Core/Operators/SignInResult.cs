namespace Parley.Core.Operators;

public sealed record SignInResult(SignInStatus Status, Operator? Operator = null, TimeSpan? RetryAfter = null);
