using Microsoft.Extensions.Options;
using Parley.Core.Bots;
using Parley.Core.Contacts;
using Parley.Core.Messaging;
using Parley.Identity.Audit;
using Parley.Identity.ChatSessions;
using Parley.Identity.Codes;

namespace Parley.Identity.ChatSignIn;

/// <summary>
/// The chat sign-in flow: <c>login</c> → the registered number → a code to that number's WhatsApp → the code typed
/// here → the conversation signed in to the realm's subject. <c>logout</c> and <c>cancel</c> work at any step. Whether a
/// number is registered is not revealed: an unregistered number gets the same answer and no code.
/// </summary>
public sealed class ChatSignInFlow(
    ChatFlowStore flows,
    ChatSessionStore sessions,
    IOneTimeCodes codes,
    IEnumerable<IIdentityResolver> resolvers,
    SignInAudit audit,
    IOptionsMonitor<IdentityOptions> options) : IChatSignIn
{
    private static readonly HashSet<string> LoginWords = new(StringComparer.OrdinalIgnoreCase)
        { "login", "log in", "sign in", "signin", "entrar", "acceder", "iniciar sesión", "iniciar sesion", "identificarme" };

    private static readonly HashSet<string> LogoutWords = new(StringComparer.OrdinalIgnoreCase)
        { "logout", "log out", "sign out", "signout", "salir", "cerrar sesión", "cerrar sesion" };

    private static readonly HashSet<string> CancelWords = new(StringComparer.OrdinalIgnoreCase)
        { "cancel", "stop", "cancelar", "parar" };

    private static readonly HashSet<string> SpanishWords = new(StringComparer.OrdinalIgnoreCase)
        { "entrar", "acceder", "iniciar sesión", "iniciar sesion", "identificarme", "salir", "cerrar sesión", "cerrar sesion", "cancelar", "parar" };

    // Country calling codes where Spanish is the main language, for a guess when the bot does not say.
    private static readonly HashSet<string> SpanishCallingCodes =
        ["34", "52", "54", "56", "57", "51", "58", "593", "591", "595", "598", "502", "503", "504", "505", "506", "507", "53", "240"];

    public async Task<bool> IsActiveAsync(long conversationId, CancellationToken ct) => await flows.FindAsync(conversationId, ct) is not null;

    public Task<ChatSignInStep> HandleAsync(BotRequest request, string realm, TimeSpan lifetime, CancellationToken ct) =>
        HandleAsync(request, realm, lifetime, null, ct);

    /// <param name="language">The conversation's language as the bot knows it (<c>es</c>, <c>en</c>); null: guessed from the words and the number.</param>
    public async Task<ChatSignInStep> HandleAsync(BotRequest request, string realm, TimeSpan lifetime, string? language, CancellationToken ct)
    {
        var conversationId = request.Conversation.Id;
        var text = TextOf(request.Message.Content);
        var lang = language ?? Guess(text, request.Contact);
        var flow = await flows.FindAsync(conversationId, ct);

        if (LoginWords.Contains(text))
        {
            await flows.SaveAsync(conversationId, realm, ChatFlowStore.AwaitingPhone, null, lifetime, options.CurrentValue.ChatFlowTimeout, ct);
            return Active(IdentityTexts.AskPhone(lang));
        }

        if (LogoutWords.Contains(text))
        {
            await flows.EndAsync(conversationId, ct);
            var current = await sessions.CurrentAsync(conversationId, ct);
            await sessions.SignOutAsync(conversationId, ct);
            if (current is null)
            {
                return Done(IdentityTexts.NotSignedIn(lang));
            }

            await audit.RecordAsync(SignInEvents.Chat, SignInEvents.SignedOut, current.Phone, conversationId: conversationId, realm: current.Subject.Realm, ct: ct);
            return Done(IdentityTexts.SignedOut(lang)) with { SignedOut = true };
        }

        if (flow is null)
        {
            return await sessions.TakeExpiredAsync(conversationId, ct) is not null
                ? Done(IdentityTexts.SessionExpired(lang))
                : ChatSignInStep.NotHandled;
        }

        if (CancelWords.Contains(text))
        {
            await flows.EndAsync(conversationId, ct);
            return Done(IdentityTexts.Cancelled(lang));
        }

        var lifetimeOfFlow = TimeSpan.FromMilliseconds(flow.lifetime_ms);
        return flow.step == ChatFlowStore.AwaitingPhone
            ? await TakePhoneAsync(request, flow, text, lifetimeOfFlow, lang, ct)
            : await TakeCodeAsync(request, flow, text, lifetimeOfFlow, lang, ct);
    }

    private async Task<ChatSignInStep> TakePhoneAsync(BotRequest request, ChatFlowStore.Flow flow, string text, TimeSpan lifetime, string lang, CancellationToken ct)
    {
        var home = PhoneNumber.TryParseWaId(request.Contact.WaId, out var own) ? own.CountryCallingCode : null;
        if (!PhoneNumber.TryParse(text, home, out var phone))
        {
            return Active(IdentityTexts.BadPhone(lang));
        }

        var e164 = phone.ToE164();
        var timeout = options.CurrentValue.ChatFlowTimeout;
        var subject = await Resolver(flow.realm).ResolveAsync(e164, ct);
        if (subject is null)
        {
            // Same answer as for a registered number, and no code: the chat does not tell who is registered.
            await audit.RecordAsync(SignInEvents.Chat, SignInEvents.NotAllowed, e164, conversationId: flow.conversation_id, realm: flow.realm, ct: ct);
            await flows.SaveAsync(flow.conversation_id, flow.realm, ChatFlowStore.AwaitingNoCode, e164, lifetime, timeout, ct);
            return Active(IdentityTexts.CodeSent(lang, PhoneMask.Mask(e164), options.CurrentValue.CodeLifetime));
        }

        switch (await codes.RequestAsync(new CodeRequest(e164, request.Account.Id, lang), ct))
        {
            case CodeRequestResult.Sent:
                await flows.SaveAsync(flow.conversation_id, flow.realm, ChatFlowStore.AwaitingCode, e164, lifetime, timeout, ct);
                return Active(IdentityTexts.CodeSent(lang, PhoneMask.Mask(e164), options.CurrentValue.CodeLifetime));
            case CodeRequestResult.Refused { Reason: CodeRefusals.TooMany } tooMany:
                await flows.EndAsync(flow.conversation_id, ct);
                return Done(IdentityTexts.TooMany(lang, tooMany.RetryAfter ?? options.CurrentValue.CodeWindow));
            default:
                await flows.EndAsync(flow.conversation_id, ct);
                return Done(IdentityTexts.CannotSend(lang));
        }
    }

    private async Task<ChatSignInStep> TakeCodeAsync(BotRequest request, ChatFlowStore.Flow flow, string text, TimeSpan lifetime, string lang, CancellationToken ct)
    {
        var phone = flow.phone!;
        if (flow.step == ChatFlowStore.AwaitingNoCode)
        {
            // Never a real check: that number's own code (a web sign-in of its owner) must not be used up or spent from here.
            await flows.EndAsync(flow.conversation_id, ct);
            return Done(IdentityTexts.DeadCode(lang));
        }

        if (CodeSecrets.Normalize(text) is null)
        {
            return Active(IdentityTexts.TypeCode(lang));
        }

        var result = await codes.VerifyAsync(phone, text, ct);
        switch (result)
        {
            case CodeCheckResult.Verified:
                await flows.EndAsync(flow.conversation_id, ct);
                var subject = await Resolver(flow.realm).ResolveAsync(phone, ct);
                if (subject is null)
                {
                    await audit.RecordAsync(SignInEvents.Chat, SignInEvents.NotAllowed, phone, conversationId: flow.conversation_id, realm: flow.realm, ct: ct);
                    return Done(IdentityTexts.DeadCode(lang));
                }

                var session = await sessions.SignInAsync(flow.conversation_id, phone, subject, lifetime, ct);
                await audit.RecordAsync(SignInEvents.Chat, SignInEvents.SignedIn, phone, conversationId: flow.conversation_id, realm: flow.realm, ct: ct);
                return Done(IdentityTexts.SignedIn(lang, subject.DisplayName)) with { SignedIn = session };
            case CodeCheckResult.Wrong { TriesLeft: > 0 } wrong:
                return Active(IdentityTexts.WrongCode(lang, wrong.TriesLeft));
            case CodeCheckResult.Expired:
                await flows.EndAsync(flow.conversation_id, ct);
                return Done(IdentityTexts.ExpiredCode(lang));
            default:
                await flows.EndAsync(flow.conversation_id, ct);
                return Done(IdentityTexts.DeadCode(lang));
        }
    }

    private IIdentityResolver Resolver(string realm) =>
        resolvers.FirstOrDefault(r => string.Equals(r.Realm, realm, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No IIdentityResolver is registered for the realm '{realm}': the module that offers sign-in registers one.");

    private static string TextOf(MessageContent content) =>
        (content.Type == MessageTypes.Text ? content.Text : content.Reply?.Title ?? content.Reply?.Id ?? content.Text)?.Trim() ?? "";

    private static string Guess(string text, ContactInfo contact)
    {
        if (SpanishWords.Contains(text))
        {
            return "es";
        }

        return PhoneNumber.TryParseWaId(contact.WaId, out var own) && SpanishCallingCodes.Contains(own.CountryCallingCode) ? "es" : "en";
    }

    private static ChatSignInStep Active(string reply) => new([MessageContent.FromText(reply)], true) { IsActive = true };

    private static ChatSignInStep Done(string reply) => new([MessageContent.FromText(reply)], true);
}
