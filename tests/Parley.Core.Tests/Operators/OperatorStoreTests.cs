using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Modules;
using Parley.Core.Operators;
using Parley.Core.Storage;
using Parley.Testing;

namespace Parley.Core.Tests.Operators;

/// <summary>
/// Sign-in without lockout (issue 17, item 6) and the security stamp that ends sessions (item 2), on a real database
/// and a fake clock. Regression: five wrong passwords used to lock an operator out, so a stranger could keep an
/// administrator out for good, and a locked account answered faster than a wrong password, revealing that it exists.
/// </summary>
public sealed class OperatorStoreTests
{
    private const string Password = "a long enough secret";

    [Theory, SqliteData, PostgresData]
    public async Task WrongPasswords_NeverLockTheAccount_TheRightOneFromAFreshNetworkPassesOnceTheDelayHasPassed(DatabaseKind kind)
    {
        await using var h = await Harness.StartAsync(kind);
        var op = await h.Store.CreateAsync("bo@example.com", null, OperatorRoles.Admin, Password);

        // Twelve wrong guesses, each after the previous delay, each from another network (so no network limit applies).
        for (var n = 1; n <= 12; n++)
        {
            (await h.Store.SignInAsync("bo@example.com", "wrong " + n, $"10.0.0.{n}")).Status.ShouldBe(SignInStatus.Failed);
            var after = (await h.Store.FindAsync(op.Id))!;
            after.FailedAttempts.ShouldBe(n);
            (after.LockedUntil is { } until ? until - h.Time.GetUtcNow() : TimeSpan.Zero).ShouldBe(OperatorStore.DelayAfter(n));
            h.Time.Advance(OperatorStore.DelayAfter(n));
        }

        // One more wrong guess: the wait is at its cap, not a lock.
        await h.Store.SignInAsync("bo@example.com", "wrong again", "10.0.1.1");
        ((await h.Store.FindAsync(op.Id))!.LockedUntil!.Value - h.Time.GetUtcNow()).ShouldBe(OperatorStore.MaxDelay);

        // During the wait even the right password gets the common answer ...
        (await h.Store.SignInAsync("bo@example.com", Password, "10.0.2.1")).ShouldBe(new SignInResult(SignInStatus.Failed));

        // ... and once it has passed, the right password from a fresh network signs in and clears the count.
        h.Time.Advance(OperatorStore.MaxDelay);
        var signedIn = await h.Store.SignInAsync("bo@example.com", Password, "10.0.3.1");
        signedIn.Status.ShouldBe(SignInStatus.Succeeded);
        signedIn.Operator!.FailedAttempts.ShouldBe(0);
        signedIn.Operator.LockedUntil.ShouldBeNull();
    }

    [Fact]
    public void DelayAfter_IsFreeAtFirst_ThenDoubles_UpToTheCap()
    {
        Enumerable.Range(0, OperatorStore.FreeFailures + 1).ShouldAllBe(n => OperatorStore.DelayAfter(n) == TimeSpan.Zero);
        OperatorStore.DelayAfter(OperatorStore.FreeFailures + 1).ShouldBe(OperatorStore.FirstDelay);
        OperatorStore.DelayAfter(OperatorStore.FreeFailures + 2).ShouldBe(OperatorStore.FirstDelay * 2);
        OperatorStore.DelayAfter(OperatorStore.FreeFailures + 3).ShouldBe(OperatorStore.FirstDelay * 4);
        OperatorStore.DelayAfter(1_000).ShouldBe(OperatorStore.MaxDelay);
        OperatorStore.DelayAfter(int.MaxValue).ShouldBe(OperatorStore.MaxDelay);
    }

    [Theory, SqliteData, PostgresData]
    public async Task UnknownEmail_WrongPassword_AndAWaitingAccount_GetTheSameAnswer(DatabaseKind kind)
    {
        await using var h = await Harness.StartAsync(kind);
        await h.Store.CreateAsync("cy@example.com", null, OperatorRoles.Agent, Password);
        var unknown = await h.Store.SignInAsync("nobody@example.com", Password, "10.1.0.1");
        var wrong = await h.Store.SignInAsync("cy@example.com", "wrong password", "10.1.0.2");
        for (var n = 0; n < OperatorStore.FreeFailures; n++)
        {
            await h.Store.SignInAsync("cy@example.com", "wrong password", "10.1.0.3");
        }

        var waiting = await h.Store.SignInAsync("cy@example.com", Password, "10.1.0.4");

        unknown.ShouldBe(new SignInResult(SignInStatus.Failed));
        wrong.ShouldBe(unknown);
        waiting.ShouldBe(unknown);
    }

    /// <summary>
    /// Every failure costs one password hash, whether the account exists, the password is wrong or the account is
    /// waiting. Relative and interleaved (the machine's speed cancels out): before the fix a locked account answered
    /// without hashing, about a hundred times faster than a wrong password.
    /// </summary>
    [Fact]
    public async Task UnknownEmail_AndAWaitingAccount_TakeAsLongAsAWrongPassword()
    {
        await using var h = await Harness.StartAsync(DatabaseKind.Sqlite);
        await h.Store.CreateAsync("dee@example.com", null, OperatorRoles.Agent, Password);
        await h.Store.CreateAsync("eve@example.com", null, OperatorRoles.Agent, Password);
        for (var n = 0; n <= OperatorStore.FreeFailures; n++)
        {
            await h.Store.SignInAsync("eve@example.com", "wrong password");
        }

        var (unknown, wrong, waiting) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < 7; round++)
        {
            unknown.Add(await TimeAsync(() => h.Store.SignInAsync("nobody@example.com", Password)));
            wrong.Add(await TimeAsync(() => h.Store.SignInAsync("dee@example.com", "wrong password")));
            waiting.Add(await TimeAsync(() => h.Store.SignInAsync("eve@example.com", Password)));
            await h.Store.UnlockAsync((await h.Store.FindByEmailAsync("dee@example.com"))!.Id); // dee stays in her free failures
        }

        Median(unknown).ShouldBeGreaterThan(Median(wrong) * 0.5, $"unknown {Median(unknown):0.0} ms, wrong {Median(wrong):0.0} ms");
        Median(waiting).ShouldBeGreaterThan(Median(wrong) * 0.5, $"waiting {Median(waiting):0.0} ms, wrong {Median(wrong):0.0} ms");
    }

    [Theory, SqliteData, PostgresData]
    public async Task ANetwork_WithTooManyFailures_IsRefusedForAWhile_OtherNetworksAreNot(DatabaseKind kind)
    {
        await using var h = await Harness.StartAsync(kind);
        await h.Store.CreateAsync("fay@example.com", null, OperatorRoles.Admin, Password);

        // Failures against any email count for the network, here unknown ones (no account delay involved).
        for (var n = 0; n < SignInThrottle.MaxFailures; n++)
        {
            (await h.Store.SignInAsync($"guess{n}@example.com", "guess", "203.0.113.7")).Status.ShouldBe(SignInStatus.Failed);
            h.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var refused = await h.Store.SignInAsync("fay@example.com", Password, "203.0.113.7");
        refused.Status.ShouldBe(SignInStatus.Throttled);
        refused.RetryAfter.ShouldBe(SignInThrottle.Window - TimeSpan.FromSeconds(10 * SignInThrottle.MaxFailures));

        // Another network is not affected, and the account itself was never touched.
        (await h.Store.SignInAsync("fay@example.com", Password, "198.51.100.1")).Status.ShouldBe(SignInStatus.Succeeded);

        // Once the oldest failure leaves the window, the network may try again.
        h.Time.Advance(refused.RetryAfter!.Value);
        (await h.Store.SignInAsync("fay@example.com", Password, "203.0.113.7")).Status.ShouldBe(SignInStatus.Succeeded);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ConcurrentGuesses_CannotSlipPastTheDelay(DatabaseKind kind)
    {
        await using var h = await Harness.StartAsync(kind);
        var op = await h.Store.CreateAsync("gil@example.com", null, OperatorRoles.Admin, Password);
        for (var n = 0; n < OperatorStore.FreeFailures; n++)
        {
            await h.Store.SignInAsync("gil@example.com", "wrong");
        }

        // Twenty guesses at once, the right password among them: one is checked (and starts the delay), the rest are refused unchecked.
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => h.Store.SignInAsync("gil@example.com", i == 19 ? Password : "wrong " + i)));

        (await h.Store.FindAsync(op.Id))!.FailedAttempts.ShouldBeLessThanOrEqualTo(OperatorStore.FreeFailures + 1);
        results.Count(r => r.Status == SignInStatus.Succeeded).ShouldBeLessThanOrEqualTo(1);
    }

    [Theory, SqliteData, PostgresData]
    public async Task PasswordChange_RoleChange_SignOutEverywhere_AndDeletion_EndTheSession(DatabaseKind kind)
    {
        await using var h = await Harness.StartAsync(kind);
        var op = await h.Store.CreateAsync("hal@example.com", null, OperatorRoles.Admin, Password);
        op.SecurityStamp.Length.ShouldBe(32);
        (await h.Store.FindSessionAsync(op.Id, op.SecurityStamp)).ShouldNotBeNull();
        (await h.Store.FindSessionAsync(op.Id, null)).ShouldBeNull();
        (await h.Store.FindSessionAsync(op.Id, "")).ShouldBeNull();

        async Task<string> Ends(Func<Task> change, string stamp)
        {
            await change();
            (await h.Store.FindSessionAsync(op.Id, stamp)).ShouldBeNull();
            var now = (await h.Store.FindAsync(op.Id))!.SecurityStamp;
            now.ShouldNotBe(stamp);
            (await h.Store.FindSessionAsync(op.Id, now)).ShouldNotBeNull();
            return now;
        }

        var stamp = await Ends(() => h.Store.SetPasswordAsync(op.Id, "another long secret"), op.SecurityStamp);
        stamp = await Ends(() => h.Store.SetRoleAsync(op.Id, OperatorRoles.Agent), stamp);
        stamp = await Ends(() => h.Store.EndSessionsAsync(op.Id), stamp);

        // The same role again changes nothing, so it ends nothing.
        await h.Store.SetRoleAsync(op.Id, OperatorRoles.Agent);
        (await h.Store.FindSessionAsync(op.Id, stamp)).ShouldNotBeNull();

        await h.Store.DeleteAsync(op.Id);
        (await h.Store.FindSessionAsync(op.Id, stamp)).ShouldBeNull();
    }

    /// <summary>A change made elsewhere (another instance) is seen once the short cache time has passed; a fresh check sees it at once.</summary>
    [Fact]
    public async Task FindSession_RemembersBriefly_ChangesFromElsewhereShowAfterTheCacheTime()
    {
        await using var h = await Harness.StartAsync(DatabaseKind.Sqlite);
        var op = await h.Store.CreateAsync("ida@example.com", null, OperatorRoles.Admin, Password);
        (await h.Store.FindSessionAsync(op.Id, op.SecurityStamp)).ShouldNotBeNull();

        await using (var c = await h.Database.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE operators SET security_stamp = 'elsewhere' WHERE id = @id", new { id = op.Id });
        }

        (await h.Store.FindSessionAsync(op.Id, op.SecurityStamp)).ShouldNotBeNull();
        (await h.Store.FindSessionAsync(op.Id, op.SecurityStamp, fresh: true)).ShouldBeNull();

        await using (var c = await h.Database.OpenAsync())
        {
            await c.ExecuteAsync("UPDATE operators SET security_stamp = @stamp WHERE id = @id", new { id = op.Id, stamp = op.SecurityStamp });
        }

        (await h.Store.FindSessionAsync(op.Id, op.SecurityStamp, fresh: true)).ShouldNotBeNull();
        await using (var c = await h.Database.OpenAsync())
        {
            await c.ExecuteAsync("DELETE FROM operators WHERE id = @id", new { id = op.Id });
        }

        (await h.Store.FindSessionAsync(op.Id, op.SecurityStamp)).ShouldNotBeNull();
        h.Time.Advance(OperatorStore.SessionCacheTime);
        (await h.Store.FindSessionAsync(op.Id, op.SecurityStamp)).ShouldBeNull();
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>The store on a migrated database with a fake clock.</summary>
    private sealed class Harness : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly TestDatabase _test;

        private Harness(ServiceProvider services, TestDatabase test)
        {
            _services = services;
            _test = test;
        }

        public FakeTimeProvider Time => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();
        public OperatorStore Store => _services.GetRequiredService<OperatorStore>();
        public Database Database => _services.GetRequiredService<Database>();

        public static async Task<Harness> StartAsync(DatabaseKind kind)
        {
            var test = await TestDatabase.CreateAsync(kind);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider());
            services.AddSingleton(new Database(kind, test.ConnectionString));
            services.AddModuleSchema(ModuleSchema.Core);
            services.AddSingleton<Migrator>();
            services.AddSingleton<OperatorStore>();
            var provider = services.BuildServiceProvider();
            await provider.GetRequiredService<Migrator>().MigrateAsync();
            return new Harness(provider, test);
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            await _test.DisposeAsync();
        }
    }
}
