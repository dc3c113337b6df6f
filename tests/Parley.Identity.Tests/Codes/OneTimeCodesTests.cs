using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Identity.Tests.Codes;

public sealed class OneTimeCodesTests
{
    [Fact]
    public async Task A_code_works_once()
    {
        await using var h = await CodesHarness.StartAsync(DatabaseKind.Sqlite);
        var code = await h.SendAsync();
        code.Length.ShouldBe(6);
        code.ShouldMatch("^[0-9]{6}$");

        (await h.Codes.VerifyAsync(CodesHarness.Phone, code, default)).ShouldBe(new CodeCheckResult.Verified(CodesHarness.Phone));
        (await h.Codes.VerifyAsync(CodesHarness.Phone, code, default)).ShouldBeOfType<CodeCheckResult.Dead>();
    }

    [Fact]
    public async Task A_code_expires_after_its_lifetime()
    {
        await using var h = await CodesHarness.StartAsync(DatabaseKind.Sqlite);
        var code = await h.SendAsync();

        h.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        (await h.Codes.VerifyAsync(CodesHarness.Phone, code, default)).ShouldBeOfType<CodeCheckResult.Expired>();
    }

    [Fact]
    public async Task A_code_still_works_just_before_it_expires()
    {
        await using var h = await CodesHarness.StartAsync(DatabaseKind.Sqlite);
        var code = await h.SendAsync();

        h.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        (await h.Codes.VerifyAsync(CodesHarness.Phone, code, default)).ShouldBeOfType<CodeCheckResult.Verified>();
    }

    [Fact]
    public async Task Five_wrong_tries_kill_the_code()
    {
        await using var h = await CodesHarness.StartAsync(DatabaseKind.Sqlite);
        var code = await h.SendAsync();
        var wrong = CodesHarness.Other(code);

        for (var left = 4; left >= 0; left--)
        {
            (await h.Codes.VerifyAsync(CodesHarness.Phone, wrong, default)).ShouldBe(new CodeCheckResult.Wrong(left));
        }

        // The right code after the fifth wrong try: too late.
        (await h.Codes.VerifyAsync(CodesHarness.Phone, code, default)).ShouldBeOfType<CodeCheckResult.Dead>();
    }

    [Fact]
    public async Task Four_wrong_tries_leave_the_right_code_working()
    {
        await using var h = await CodesHarness.StartAsync(DatabaseKind.Sqlite);
        var code = await h.SendAsync();
        for (var i = 0; i < 4; i++)
        {
            await h.Codes.VerifyAsync(CodesHarness.Phone, CodesHarness.Other(code), default);
        }

        (await h.Codes.VerifyAsync(CodesHarness.Phone, code, default)).ShouldBeOfType<CodeCheckResult.Verified>();
    }

    [Fact]
    public async Task A_newer_code_makes_the_older_one_useless()
    {
        await using var h = await CodesHarness.StartAsync(DatabaseKind.Sqlite);
        var older = await h.SendAsync();
        var newer = await h.SendAsync();
        if (older == newer)
        {
            // One in a million: the same digits drawn twice would make the check below meaningless.
            newer = await h.SendAsync();
        }

        (await h.Codes.VerifyAsync(CodesHarness.Phone, older, default)).ShouldBeOfType<CodeCheckResult.Wrong>();
        (await h.Codes.VerifyAsync(CodesHarness.Phone, newer, default)).ShouldBeOfType<CodeCheckResult.Verified>();
    }

    [Fact]
    public async Task The_fourth_code_in_ten_minutes_is_refused_with_when_to_try_again()
    {
        await using var h = await CodesHarness.StartAsync(DatabaseKind.Sqlite);
        await h.SendAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        await h.SendAsync();
        await h.SendAsync();

        var refused = (await h.Codes.RequestAsync(new CodeRequest(CodesHarness.Phone, "sandbox"), default)).ShouldBeOfType<CodeRequestResult.Refused>();
        refused.Reason.ShouldBe(CodeRefusals.TooMany);
        refused.RetryAfter.ShouldBe(TimeSpan.FromMinutes(8));
        refused.Message.ShouldContain("480 seconds");

        // Another number is not affected; this one may ask again once the first code left the window.
        (await h.Codes.RequestAsync(new CodeRequest("+15550002222", "sandbox"), default)).ShouldBeOfType<CodeRequestResult.Sent>();
        h.Clock.Advance(TimeSpan.FromMinutes(8) + TimeSpan.FromSeconds(1));
        (await h.Codes.RequestAsync(new CodeRequest(CodesHarness.Phone, "sandbox"), default)).ShouldBeOfType<CodeRequestResult.Sent>();
    }

    [Fact]
    public async Task One_client_cannot_spray_codes_at_many_numbers()
    {
        await using var h = await CodesHarness.StartAsync(DatabaseKind.Sqlite, new IdentityOptions { RequestsPerIp = 2 });
        (await h.Codes.RequestAsync(new CodeRequest("+15550003001", "sandbox", ClientIp: "203.0.113.9"), default)).ShouldBeOfType<CodeRequestResult.Sent>();
        (await h.Codes.RequestAsync(new CodeRequest("+15550003002", "sandbox", ClientIp: "203.0.113.9"), default)).ShouldBeOfType<CodeRequestResult.Sent>();

        var refused = (await h.Codes.RequestAsync(new CodeRequest("+15550003003", "sandbox", ClientIp: "203.0.113.9"), default)).ShouldBeOfType<CodeRequestResult.Refused>();
        refused.Reason.ShouldBe(CodeRefusals.TooMany);
        (await h.Codes.RequestAsync(new CodeRequest("+15550003003", "sandbox", ClientIp: "203.0.113.10"), default)).ShouldBeOfType<CodeRequestResult.Sent>();
    }

    [Theory, SqliteData, PostgresData]
    public async Task Two_checks_of_the_same_code_at_once_let_exactly_one_in(DatabaseKind kind)
    {
        await using var h = await CodesHarness.StartAsync(kind);
        var code = await h.SendAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => h.Codes.VerifyAsync(CodesHarness.Phone, code, default))));

        results.Count(r => r is CodeCheckResult.Verified).ShouldBe(1);
        results.Where(r => r is not CodeCheckResult.Verified).ShouldAllBe(r => r is CodeCheckResult.Dead);
    }

    [Fact]
    public async Task Only_a_keyed_hash_of_the_code_is_kept_once_it_is_used()
    {
        await using var h = await CodesHarness.StartAsync(DatabaseKind.Sqlite);
        var code = await h.SendAsync();
        await h.Codes.VerifyAsync(CodesHarness.Phone, code, default);

        await using var c = await h.App.Get<Database>().OpenAsync();
        var row = await Dapper.SqlMapper.QuerySingleAsync<(string Hash, string? Sealed)>(c, "SELECT code_hash, code_sealed FROM identity_codes");
        row.Sealed.ShouldBeNull();
        row.Hash.ShouldNotContain(code);
        row.Hash.ShouldBe(await h.Secrets.HashAsync(CodesHarness.Phone, code, default));
        System.Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(CodesHarness.Phone + "\n" + code)))
            .ShouldNotBe(row.Hash, "an unkeyed hash of a 6-digit code can be reversed by trying all million");
    }
}
