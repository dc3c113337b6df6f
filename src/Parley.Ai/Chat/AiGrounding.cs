namespace Parley.Ai.Chat;

/// <summary>What the assistant may answer from (<c>Parley:Ai:Grounding</c>, per account <c>Ai:Grounding</c>).</summary>
public static class AiGrounding
{
    /// <summary>The model is always asked, with the conversation's memory; knowledge-base passages are added and cited when relevant. The default with a model.</summary>
    public const string Open = "open";

    /// <summary>Answers only from the knowledge base (and the conversation itself); with no relevant passage, "I don't know" without asking the model.</summary>
    public const string Knowledge = "knowledge";

    public static readonly IReadOnlyList<string> All = [Open, Knowledge];
}
