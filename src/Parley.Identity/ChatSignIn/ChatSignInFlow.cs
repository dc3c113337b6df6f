using Parley.Core.Bots;

namespace Parley.Identity.ChatSignIn;

/// <summary>Placeholder while Identity is built: the contract compiles; the implementation follows on this branch.</summary>
public sealed class ChatSignInFlow : IChatSignIn
{
    public Task<bool> IsActiveAsync(long conversationId, CancellationToken ct) => Task.FromResult(false);

    public Task<ChatSignInStep> HandleAsync(BotRequest request, string realm, TimeSpan lifetime, CancellationToken ct) => throw new NotSupportedException("Not built yet.");
}
