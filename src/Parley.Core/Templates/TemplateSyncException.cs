namespace Parley.Core.Templates;

/// <summary>A sync that could not be done, with a sentence an operator can act on.</summary>
public sealed class TemplateSyncException(string message, Exception? inner = null) : Exception(message, inner);
