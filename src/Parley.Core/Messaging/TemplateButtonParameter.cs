namespace Parley.Core.Messaging;

public sealed record TemplateButtonParameter(int Index, string SubType, string Value);
