namespace Parley.Core.Messaging;

public static class ProcessStates
{
    public const int None = 0;
    public const int Pending = 1;
    public const int Done = 2;
    public const int Failed = 3;
}
