using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Operators;

/// <summary>
/// Operators of the admin UI: created by <c>admin create</c>, checked at sign-in and on every use of a session.
/// Passwords are hashed by <see cref="PasswordHashing"/> (PBKDF2, versioned format, rehashed when the parameters are raised).
/// Repeated wrong passwords never lock an operator out: after <see cref="FreeFailures"/> failures in a row each further
/// one makes the next check wait longer (<see cref="DelayAfter"/>, at most <see cref="MaxDelay"/>), and a client network
/// that fails too often is refused for a while (<see cref="SignInThrottle"/>).
/// </summary>
public sealed class OperatorStore(Database database, TimeProvider time)
{
    public const int MinPasswordLength = 8;

    /// <summary>Failures in a row that cost no wait.</summary>
    public const int FreeFailures = 3;

    /// <summary>The wait after the first failure past <see cref="FreeFailures"/>; it doubles with each further one.</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait: the right password is checked again at the latest this long after the last failure.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    /// <summary>How long a session found valid is taken as valid without asking the database again (this instance's own changes apply at once).</summary>
    public static readonly TimeSpan SessionCacheTime = TimeSpan.FromSeconds(10);

    private const string Columns = "id, email, name, role, failed_attempts, locked_until, created_at, last_login_at, security_stamp";

    // Checked when no password can be checked (unknown email, or an account waiting out its delay), so every failure
    // costs the time of one hash.
    private static readonly Lazy<string> DummyHash = new(() => PasswordHashing.Hash(Guid.NewGuid().ToString()));

    // locked_until for the failure count after this attempt, as one SQL expression (SQLite has no POWER everywhere).
    private static readonly string DelayCase = BuildDelayCase();

    private readonly SignInThrottle _networks = new(time);
    private readonly ConcurrentDictionary<long, (Operator? Operator, long Until)> _sessions = new();

    private sealed record Row(long id, string email, string? name, string role, long failed_attempts, long? locked_until, long created_at, long? last_login_at, string security_stamp);

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The wait before the next password check after <paramref name="failures"/> failures in a row.</summary>
    public static TimeSpan DelayAfter(int failures) => failures <= FreeFailures
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(30, failures - FreeFailures - 1)));

    /// <summary>Creates an operator. Throws <see cref="OperatorException"/> with a sentence for the person when the input is wrong or the email is taken.</summary>
    public async Task<Operator> CreateAsync(string email, string? name, string role, string password, CancellationToken ct = default)
    {
        var normalized = NormalizeEmail(email ?? "");
        if (!LooksLikeEmail(normalized))
        {
            throw new OperatorException($"'{email}' is not an email address.");
        }

        if (!OperatorRoles.IsKnown(role))
        {
            throw new OperatorException($"Role must be one of {string.Join(", ", OperatorRoles.All)}, not '{role}'.");
        }

        CheckPassword(password);
        var now = time.NowMs();
        var hash = PasswordHashing.Hash(password);
        await using var c = await database.OpenAsync(ct);
        var id = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO operators (email, name, password_hash, role, created_at, security_stamp)
            VALUES (@normalized, @name, @hash, @role, @now, @stamp)
            ON CONFLICT (email) DO NOTHING
            RETURNING id
            """,
            new { normalized, name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(), hash, role, now, stamp = NewStamp() }, cancellationToken: ct));
        if (id is null)
        {
            throw new OperatorException($"An operator with the email {normalized} exists already.");
        }

        return (await FindAsync(id.Value, ct))!;
    }

    public async Task<Operator?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM operators WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : ToOperator(row);
    }

    public async Task<Operator?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM operators WHERE email = @email", new { email = NormalizeEmail(email) }, cancellationToken: ct));
        return row is null ? null : ToOperator(row);
    }

    public async Task<IReadOnlyList<Operator>> ListAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM operators ORDER BY email", cancellationToken: ct));
        return rows.Select(ToOperator).ToList();
    }

    /// <summary>
    /// The operator a session belongs to, while it holds: the operator exists and still has <paramref name="stamp"/>.
    /// Answers from memory for <see cref="SessionCacheTime"/> unless <paramref name="fresh"/> (an action that changes
    /// something asks the database); changes made through this store apply at once.
    /// </summary>
    public async ValueTask<Operator?> FindSessionAsync(long id, string? stamp, bool fresh = false, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return null;
        }

        var now = time.GetTimestamp();
        Operator? op;
        if (!fresh && _sessions.TryGetValue(id, out var cached) && cached.Until > now)
        {
            op = cached.Operator;
        }
        else
        {
            op = await FindAsync(id, ct);
            _sessions[id] = (op, now + (long)(SessionCacheTime.TotalSeconds * time.TimestampFrequency));
        }

        return op is not null && SameStamp(op.SecurityStamp, stamp) ? op : null;
    }

    /// <summary>
    /// Checks an email and password. <paramref name="network"/> is the client's <see cref="Hosting.ClientNetwork"/> key,
    /// limited by <see cref="SignInThrottle"/>. The attempt is counted against the account before the password is
    /// checked, in one statement that also refuses it while the account waits out its delay, so concurrent guesses
    /// cannot slip past the delay.
    /// </summary>
    public async Task<SignInResult> SignInAsync(string email, string password, string? network = null, CancellationToken ct = default)
    {
        if (network is not null && _networks.Wait(network) is { } wait && wait > TimeSpan.Zero)
        {
            return new SignInResult(SignInStatus.Throttled, RetryAfter: wait);
        }

        var now = time.NowMs();
        password ??= "";
        await using var c = await database.OpenAsync(ct);
        var claimed = await c.QuerySingleOrDefaultAsync<(long id, string password_hash)?>(new CommandDefinition(
            $"""
            UPDATE operators SET failed_attempts = failed_attempts + 1, locked_until = {DelayCase}
            WHERE email = @email AND (locked_until IS NULL OR locked_until <= @now)
            RETURNING id, password_hash
            """,
            new { email = NormalizeEmail(email ?? ""), now }, cancellationToken: ct));

        // Unknown, or waiting out its delay: the same answer after the same work.
        var verdict = PasswordHashing.Verify(claimed?.password_hash ?? DummyHash.Value, password);
        if (claimed is not { } row || verdict == PasswordCheck.Failed)
        {
            if (network is not null)
            {
                _networks.RecordFailure(network);
            }

            return new SignInResult(SignInStatus.Failed);
        }

        var rehash = verdict == PasswordCheck.SucceededRehashNeeded ? PasswordHashing.Hash(password) : null;
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE operators SET failed_attempts = 0, locked_until = NULL, last_login_at = @now,
                password_hash = COALESCE(@rehash, password_hash)
            WHERE id = @id
            """,
            new { row.id, now, rehash }, cancellationToken: ct));
        return new SignInResult(SignInStatus.Succeeded, await FindAsync(row.id, ct));
    }

    /// <summary>Sets a new password and ends every session of the operator.</summary>
    public async Task<bool> SetPasswordAsync(long id, string password, CancellationToken ct = default)
    {
        CheckPassword(password);
        var hash = PasswordHashing.Hash(password);
        await using var c = await database.OpenAsync(ct);
        var changed = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET password_hash = @hash, failed_attempts = 0, locked_until = NULL, security_stamp = @stamp WHERE id = @id",
            new { id, hash, stamp = NewStamp() }, cancellationToken: ct)) > 0;
        Forget(id);
        return changed;
    }

    /// <summary>Changes the role; a change ends every session of the operator (they sign in again with the new role).</summary>
    public async Task<bool> SetRoleAsync(long id, string role, CancellationToken ct = default)
    {
        if (!OperatorRoles.IsKnown(role))
        {
            throw new OperatorException($"Role must be one of {string.Join(", ", OperatorRoles.All)}, not '{role}'.");
        }

        await using var c = await database.OpenAsync(ct);
        var changed = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET security_stamp = CASE WHEN role = @role THEN security_stamp ELSE @stamp END, role = @role WHERE id = @id",
            new { id, role, stamp = NewStamp() }, cancellationToken: ct)) > 0;
        Forget(id);
        return changed;
    }

    /// <summary>"Sign out everywhere": every cookie and open admin tab of the operator stops working.</summary>
    public async Task<bool> EndSessionsAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var changed = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET security_stamp = @stamp WHERE id = @id", new { id, stamp = NewStamp() }, cancellationToken: ct)) > 0;
        Forget(id);
        return changed;
    }

    /// <summary>Clears the failure count and the wait it caused.</summary>
    public async Task<bool> UnlockAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = @id", new { id }, cancellationToken: ct)) > 0;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var deleted = await c.ExecuteAsync(new CommandDefinition("DELETE FROM operators WHERE id = @id", new { id }, cancellationToken: ct)) > 0;
        Forget(id);
        return deleted;
    }

    private void Forget(long id) => _sessions.TryRemove(id, out _);

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static bool SameStamp(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(presented));

    /// <summary><c>CASE failed_attempts + 1 WHEN 4 THEN @now + 2000 … ELSE @now + 300000 END</c>: no wait within the free failures.</summary>
    private static string BuildDelayCase()
    {
        var sql = new StringBuilder("CASE WHEN failed_attempts + 1 <= ").Append(FreeFailures.ToString(CultureInfo.InvariantCulture)).Append(" THEN NULL");
        for (var n = FreeFailures + 1; DelayAfter(n) < MaxDelay; n++)
        {
            sql.Append(CultureInfo.InvariantCulture, $" WHEN failed_attempts + 1 = {n} THEN @now + {(long)DelayAfter(n).TotalMilliseconds}");
        }

        return sql.Append(CultureInfo.InvariantCulture, $" ELSE @now + {(long)MaxDelay.TotalMilliseconds} END").ToString();
    }

    private static void CheckPassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            throw new OperatorException($"The password must have at least {MinPasswordLength} characters.");
        }

        if (password.Length > 256)
        {
            throw new OperatorException("The password must have at most 256 characters.");
        }
    }

    private static bool LooksLikeEmail(string email) =>
        email.Length is > 2 and <= 254 && email.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < email.Length - 1
        && !email.Any(char.IsWhiteSpace) && email.Count(ch => ch == '@') == 1;

    private static Operator ToOperator(Row r) => new(r.id, r.email, r.role)
    {
        Name = r.name,
        FailedAttempts = (int)r.failed_attempts,
        LockedUntil = r.locked_until is { } l ? Clock.FromMs(l) : null,
        CreatedAt = Clock.FromMs(r.created_at),
        LastLoginAt = r.last_login_at is { } at ? Clock.FromMs(at) : null,
        SecurityStamp = r.security_stamp,
    };
}
