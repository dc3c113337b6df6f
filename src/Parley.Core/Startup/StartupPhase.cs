namespace Parley.Core.Startup;

/// <summary>When a <see cref="IStartupTask"/> runs: every task of a phase after every task of the phases before it.</summary>
public enum StartupPhase
{
    /// <summary>After the schema is current: the accounts declared in configuration and by the channels.</summary>
    Accounts = 1,

    /// <summary>After the accounts: bot definitions, demo data and other content that refers to accounts.</summary>
    Content = 2,
}
