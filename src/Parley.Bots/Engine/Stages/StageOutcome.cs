namespace Parley.Bots.Engine.Stages;

public enum StageOutcome
{
    /// <summary>The next stage runs.</summary>
    Continue,

    /// <summary>The message is done; what is in the context so far is the answer (possibly none).</summary>
    Stop,
}
