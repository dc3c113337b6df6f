using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Operators;

namespace Parley.Tests.Admin;

/// <summary>Operators of the admin in the running app: hashing, sign-in, input checks, on both databases (the sign-in delay and the security stamp: Parley.Core.Tests).</summary>
public sealed class OperatorStoreTests
{
    private const string Password = "a long enough secret";

    [Theory, SqliteData, PostgresData]
    public async Task CreateAsync_StoresAHashNotThePassword_AndSignInChecksIt(DatabaseKind kind)
    {
        await using var app = await TestApp.StartAsync(kind);
        var store = app.Get<OperatorStore>();

        var op = await store.CreateAsync("  Ana@Example.COM ", "Ana", OperatorRoles.Agent, Password);

        op.Email.ShouldBe("ana@example.com");
        op.Role.ShouldBe(OperatorRoles.Agent);
        var hash = await ScalarAsync<string>(app, "SELECT password_hash FROM operators WHERE id = " + op.Id);
        hash.ShouldNotContain(Password);
        // ASP.NET Core's PasswordHasher v3 format: base64 of 0x01 + PRF + iterations + salt + subkey.
        Convert.FromBase64String(hash)[0].ShouldBe((byte)0x01);

        (await store.SignInAsync("ana@example.com", Password)).Status.ShouldBe(SignInStatus.Succeeded);
        (await store.SignInAsync("ANA@example.com", Password)).Operator!.LastLoginAt.ShouldNotBeNull();
        (await store.SignInAsync("ana@example.com", "wrong password")).Status.ShouldBe(SignInStatus.Failed);
        (await store.SignInAsync("nobody@example.com", Password)).Status.ShouldBe(SignInStatus.Failed);
    }

    [Theory]
    [InlineData("not-an-email", "admin", Password, "is not an email address")]
    [InlineData("dee@example.com", "boss", Password, "Role must be one of admin, agent")]
    [InlineData("dee@example.com", "agent", "short", "at least 8 characters")]
    public async Task CreateAsync_BadInput_IsRefusedWithAReason(string email, string role, string password, string reason)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);

        var ex = await Should.ThrowAsync<OperatorException>(() => app.Get<OperatorStore>().CreateAsync(email, null, role, password));

        ex.Message.ShouldContain(reason);
    }

    [Fact]
    public async Task CreateAsync_SameEmailTwice_IsRefused()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite);
        var store = app.Get<OperatorStore>();
        await store.CreateAsync("eve@example.com", null, OperatorRoles.Agent, Password);

        var ex = await Should.ThrowAsync<OperatorException>(() => store.CreateAsync("EVE@example.com", null, OperatorRoles.Admin, Password));

        ex.Message.ShouldContain("exists already");
    }

    private static async Task<T> ScalarAsync<T>(TestApp app, string sql)
    {
        await using var c = await app.Services.GetRequiredService<Database>().OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
