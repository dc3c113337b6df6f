using System.Data.Common;
using Dapper;
using Parley.Core.Storage;

namespace Parley.Core.Operators;

/// <summary>
/// Operators of the admin UI: created by <c>admin create</c>, checked at sign-in. Passwords are hashed by
/// <see cref="PasswordHashing"/> (PBKDF2, versioned format, rehashed when the parameters are raised).
/// After <see cref="MaxFailedAttempts"/> wrong passwords in a row the operator is locked out for <see cref="LockoutDuration"/>.
/// </summary>
public sealed class OperatorStore(Database database, TimeProvider time)
{
    public const int MaxFailedAttempts = 5;
    public const int MinPasswordLength = 8;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private const string Columns = "id, email, name, role, failed_attempts, locked_until, created_at, last_login_at";

    // Checked against when the email is unknown, so both answers take the time of one hash.
    private static readonly Lazy<string> DummyHash = new(() => PasswordHashing.Hash(Guid.NewGuid().ToString()));

    private sealed record Row(long id, string email, string? name, string role, long failed_attempts, long? locked_until, long created_at, long? last_login_at);

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

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
            INSERT INTO operators (email, name, password_hash, role, created_at)
            VALUES (@normalized, @name, @hash, @role, @now)
            ON CONFLICT (email) DO NOTHING
            RETURNING id
            """,
            new { normalized, name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(), hash, role, now }, cancellationToken: ct));
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

    /// <summary>Checks an email and password, counting failures and locking the operator out after too many.</summary>
    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken ct = default)
    {
        var now = time.NowMs();
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(long id, string password_hash, long? locked_until)>(new CommandDefinition(
            "SELECT id, password_hash, locked_until FROM operators WHERE email = @email", new { email = NormalizeEmail(email ?? "") }, cancellationToken: ct));
        if (row.id == 0)
        {
            PasswordHashing.Verify(DummyHash.Value, password ?? "");
            return new SignInResult(SignInStatus.Failed);
        }

        if (row.locked_until is { } until && until > now)
        {
            return new SignInResult(SignInStatus.LockedOut, LockedUntil: Clock.FromMs(until));
        }

        var verdict = PasswordHashing.Verify(row.password_hash, password ?? "");
        if (verdict == PasswordCheck.Failed)
        {
            return await RecordFailureAsync(c, row.id, now, ct);
        }

        var rehash = verdict == PasswordCheck.SucceededRehashNeeded ? PasswordHashing.Hash(password!) : null;
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE operators SET failed_attempts = 0, locked_until = NULL, last_login_at = @now,
                password_hash = COALESCE(@rehash, password_hash)
            WHERE id = @id
            """,
            new { id = row.id, now, rehash }, cancellationToken: ct));
        return new SignInResult(SignInStatus.Succeeded, await FindAsync(row.id, ct));
    }

    public async Task<bool> SetPasswordAsync(long id, string password, CancellationToken ct = default)
    {
        CheckPassword(password);
        var hash = PasswordHashing.Hash(password);
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET password_hash = @hash, failed_attempts = 0, locked_until = NULL WHERE id = @id", new { id, hash }, cancellationToken: ct)) > 0;
    }

    public async Task<bool> SetRoleAsync(long id, string role, CancellationToken ct = default)
    {
        if (!OperatorRoles.IsKnown(role))
        {
            throw new OperatorException($"Role must be one of {string.Join(", ", OperatorRoles.All)}, not '{role}'.");
        }

        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("UPDATE operators SET role = @role WHERE id = @id", new { id, role }, cancellationToken: ct)) > 0;
    }

    public async Task<bool> UnlockAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = @id", new { id }, cancellationToken: ct)) > 0;
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM operators WHERE id = @id", new { id }, cancellationToken: ct)) > 0;
    }

    /// <summary>One statement, so concurrent wrong guesses cannot slip past the limit; the count restarts with each lockout.</summary>
    private async Task<SignInResult> RecordFailureAsync(DbConnection c, long id, long now, CancellationToken ct)
    {
        var lockedUntil = now + (long)LockoutDuration.TotalMilliseconds;
        var after = await c.QuerySingleAsync<(long failed_attempts, long? locked_until)>(new CommandDefinition(
            """
            UPDATE operators SET
                locked_until = CASE WHEN failed_attempts + 1 >= @max THEN @lockedUntil ELSE locked_until END,
                failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END
            WHERE id = @id
            RETURNING failed_attempts, locked_until
            """,
            new { id, max = MaxFailedAttempts, lockedUntil }, cancellationToken: ct));
        return after.locked_until is { } until && until > now
            ? new SignInResult(SignInStatus.LockedOut, LockedUntil: Clock.FromMs(until))
            : new SignInResult(SignInStatus.Failed);
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
    };
}
