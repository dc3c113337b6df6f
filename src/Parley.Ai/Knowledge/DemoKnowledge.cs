using System.Reflection;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parley.Core.Accounts;
using Parley.Core.Startup;

namespace Parley.Ai.Knowledge;

/// <summary>
/// At start, gives the sandbox account a small knowledge base about Parley itself (the Markdown files embedded from
/// Knowledge/Demo) when it has none, so the offline assistant has something true to answer from out of the box.
/// </summary>
public sealed class DemoKnowledge(
    IOptions<AiOptions> options,
    AccountRegistry accounts,
    KnowledgeStore store,
    KnowledgeBase knowledge,
    ILogger<DemoKnowledge> logger) : IStartupTask
{
    public string Name => "ai.demo-knowledge";

    public StartupPhase Phase => StartupPhase.Content;

    /// <summary>The sandbox channel's built-in account (<c>SandboxAccounts.DefaultAccountId</c> in Parley.Channels).</summary>
    public const string AccountId = "sandbox";

    private const string ResourcePrefix = "Parley.Ai.Knowledge.Demo.";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DemoKnowledge || await accounts.FindAsync(AccountId, cancellationToken) is not { Enabled: true })
        {
            return;
        }

        if (await store.CountForAccountAsync(AccountId, cancellationToken) > 0)
        {
            return;
        }

        foreach (var (name, content) in Documents())
        {
            await knowledge.AddAsync(new KbScope(AccountId, KbScope.Everyone), name, content, "text/markdown", null, KnowledgeBase.DemoOrigin, null, cancellationToken);
        }

        logger.LogInformation("Loaded the demo knowledge base into account '{Account}'", AccountId);
    }

    /// <summary>The embedded demo documents, by file name.</summary>
    public static IEnumerable<(string Name, byte[] Content)> Documents()
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            yield return (resource[ResourcePrefix.Length..], Encoding.UTF8.GetBytes(reader.ReadToEnd()));
        }
    }
}
