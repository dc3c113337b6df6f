namespace Parley.Core.Outbound.Validation;

/// <summary>One thing wrong with an outgoing message: where (<c>interactive.buttons[1].title</c>) and a sentence that names the limit.</summary>
public sealed record ValidationError(string Field, string Message);
