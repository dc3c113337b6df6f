using Parley.Core.Bots;

namespace Parley.Identity;

/// <summary>
/// The reusable chat sign-in flow any bot mounts: <c>login</c> → asks for the registered number → sends the code to that
/// number's WhatsApp → takes the code typed in the conversation → signs the conversation in through the realm's
/// <see cref="IIdentityResolver"/>. <c>logout</c> signs out. Its state is stored by Identity, not in the bot's session.
/// </summary>
public interface IChatSignIn
{
    /// <summary>Whether the flow is waiting for a number or a code in the conversation.</summary>
    Task<bool> IsActiveAsync(long conversationId, CancellationToken ct);

    /// <summary>
    /// Call from the bot for every message while <see cref="IsActiveAsync"/> is true, and for <c>login</c>/<c>logout</c>
    /// (any message may be passed: the flow answers <see cref="ChatSignInStep.NotHandled"/> when it is not involved).
    /// </summary>
    Task<ChatSignInStep> HandleAsync(BotRequest request, string realm, TimeSpan lifetime, CancellationToken ct);

    /// <summary>As <see cref="HandleAsync(BotRequest, string, TimeSpan, CancellationToken)"/>, replying in <paramref name="language"/> (<c>es</c>, <c>en</c>).</summary>
    Task<ChatSignInStep> HandleAsync(BotRequest request, string realm, TimeSpan lifetime, string? language, CancellationToken ct) =>
        HandleAsync(request, realm, lifetime, ct);
}
