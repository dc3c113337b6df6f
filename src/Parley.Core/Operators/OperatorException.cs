namespace Parley.Core.Operators;

public sealed class OperatorException(string message) : Exception(message);
