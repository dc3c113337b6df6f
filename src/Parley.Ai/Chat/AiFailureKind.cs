namespace Parley.Ai.Chat;

/// <summary>Why a call to a model provider did not give an answer.</summary>
public enum AiFailureKind
{
    Timeout,
    RateLimited,
    ServerError,
    Network,
    Unauthorized,
    BadRequest,
    Refused,
    Unknown,
}
