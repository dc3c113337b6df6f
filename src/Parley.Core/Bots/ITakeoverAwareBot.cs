namespace Parley.Core.Bots;

/// <summary>
/// A bot that handles conversations held by a person itself (it stays silent, and may still record the message or honour
/// an opt-out). Other bots are not called at all while a person holds the conversation, so none can talk over an agent.
/// </summary>
public interface ITakeoverAwareBot : IBot;
