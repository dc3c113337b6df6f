namespace Parley.Bots.Engine.Flows;

public enum FlowResultKind
{
    Next,
    Stay,
    Done,
    Pass,
}
