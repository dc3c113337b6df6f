namespace Parley.Channels.Sandbox;

/// <summary>Whether this client must show the sandbox's access token or a pass, whether it has, and where operators get one.</summary>
public sealed record SandboxAccessView(bool Required, bool Granted, string OperatorSignIn);
