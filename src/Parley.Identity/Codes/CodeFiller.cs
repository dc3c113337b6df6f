using System.Globalization;
using Parley.Core.Messaging;
using Parley.Core.Outbound;

namespace Parley.Identity.Codes;

/// <summary>
/// Hands the real code to the channel: the message that carries it is stored with the code masked
/// (<see cref="CodeSecrets.Mask"/>), so the admin thread, the API, webhooks and the interaction log show <c>••••••</c>;
/// here, just before the send, the sealed code replaces the mask. A code no longer usable is not filled in.
/// </summary>
public sealed class CodeFiller(CodeStore store, CodeSecrets secrets, TimeProvider time) : IOutboundContentFiller
{
    public const string Source = "identity";
    private const string KeyPrefix = Source + ":code:";

    /// <summary>The idempotency key (as <see cref="Parley.Core.Outbound.Sending.SendCommand"/> takes it) of the message carrying code <paramref name="codeId"/>.</summary>
    public static string KeyFor(long codeId) => "code:" + codeId.ToString(CultureInfo.InvariantCulture);

    public async ValueTask<MessageContent> FillAsync(StoredMessage message, CancellationToken ct)
    {
        if (message.Source != Source || message.IdempotencyKey is not { } key || !key.StartsWith(KeyPrefix, StringComparison.Ordinal)
            || !long.TryParse(key.AsSpan(KeyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var codeId))
        {
            return message.Content;
        }

        if (await store.SealedAsync(codeId, time.GetUtcNow().ToUnixTimeMilliseconds(), ct) is not { } sealedCode)
        {
            return message.Content;
        }

        return Fill(message.Content, secrets.Unseal(sealedCode));
    }

    internal static MessageContent Fill(MessageContent content, string code)
    {
        string? Put(string? s) => s?.Replace(CodeSecrets.Mask, code, StringComparison.Ordinal);
        var template = content.Template;
        return content with
        {
            Text = Put(content.Text),
            Template = template is null ? null : template with
            {
                BodyParameters = template.BodyParameters?.Select(p => Put(p)!).ToList(),
                Buttons = template.Buttons?.Select(b => b with { Value = Put(b.Value)! }).ToList(),
                RenderedText = Put(template.RenderedText),
            },
        };
    }
}
