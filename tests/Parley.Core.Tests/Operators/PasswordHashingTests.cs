using Microsoft.AspNetCore.Identity;
using Parley.Core.Operators;

namespace Parley.Core.Tests.Operators;

/// <summary>
/// Operator passwords: Parley's PBKDF2 hashes and the ASP.NET Core Identity version-3 hashes earlier builds stored are
/// the same format, so operators created before Core stopped using the web framework can still sign in.
/// </summary>
public sealed class PasswordHashingTests
{
    private sealed class Someone;

    [Fact]
    public void Hash_ThenVerify_RightPasswordSucceeds_WrongFails()
    {
        var hash = PasswordHashing.Hash("correct horse battery");

        PasswordHashing.Verify(hash, "correct horse battery").ShouldBe(PasswordCheck.Succeeded);
        PasswordHashing.Verify(hash, "correct horse batterY").ShouldBe(PasswordCheck.Failed);
        PasswordHashing.Hash("correct horse battery").ShouldNotBe(hash);
    }

    [Fact]
    public void HashesOfEarlierBuilds_StillVerify_AndTheirsReadOurs()
    {
        // Regression guard: operators created with ASP.NET Core Identity's hasher (before this change) must keep signing in.
        var identity = new PasswordHasher<Someone>();
        var old = identity.HashPassword(new Someone(), "s3cret-passw0rd");

        PasswordHashing.Verify(old, "s3cret-passw0rd").ShouldBe(PasswordCheck.Succeeded);
        PasswordHashing.Verify(old, "wrong").ShouldBe(PasswordCheck.Failed);
        identity.VerifyHashedPassword(new Someone(), PasswordHashing.Hash("s3cret-passw0rd"), "s3cret-passw0rd")
            .ShouldBe(PasswordVerificationResult.Success);
    }

    [Fact]
    public void WeakerParameters_VerifyButAskForARehash()
    {
        var sha256 = new PasswordHasher<Someone>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        var weak = sha256.HashPassword(new Someone(), "s3cret-passw0rd");

        PasswordHashing.Verify(weak, "s3cret-passw0rd").ShouldBe(PasswordCheck.SucceededRehashNeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("AQ==")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")]
    public void Garbage_NeverVerifies(string stored) => PasswordHashing.Verify(stored, "anything").ShouldBe(PasswordCheck.Failed);
}
