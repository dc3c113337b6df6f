namespace Parley.Identity.Web;

/// <summary>A new web session: <paramref name="Token"/> is shown once; send it as <c>Authorization: Bearer</c> (pages get it as the <c>parley_session</c> cookie).</summary>
public sealed record SignedInView(string Token, string Phone, DateTimeOffset ExpiresAt);
