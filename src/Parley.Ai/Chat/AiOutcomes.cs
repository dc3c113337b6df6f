namespace Parley.Ai.Chat;

/// <summary>The outcomes recorded in <c>ai_usage.outcome</c>.</summary>
public static class AiOutcomes
{
    public const string Ok = "ok";
    public const string NoAnswer = "no_answer";
    public const string Refused = "refused";
    public const string Error = "error";
    public const string Offline = "offline";
    public const string Blocked = "blocked";
}
