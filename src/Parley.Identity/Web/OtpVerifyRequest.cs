namespace Parley.Identity.Web;

/// <summary>The code the person received, for the number it was sent to.</summary>
public sealed record OtpVerifyRequest(string? Phone, string? Code);
