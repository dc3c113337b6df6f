namespace Parley.Ai.Chat;

public sealed record AiCallResult<T>(T? Value, AiFailure? Failure, int Attempts, TimeSpan Latency)
{
    public bool Succeeded => Failure is null;
}
