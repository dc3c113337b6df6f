namespace Parley.Booking.Tests.Cli;

/// <summary>Tests that swap the process's standard output and error (the CLI's own code path) run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
