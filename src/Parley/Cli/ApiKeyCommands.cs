using System.CommandLine;
using System.Globalization;
using Parley.Core.ApiKeys;

namespace Parley.Cli;

/// <summary><c>apikeys create|list|revoke</c>: keys for the REST API. <c>create</c> prints the key alone on its last line.</summary>
public static class ApiKeyCommands
{
    public static Command Create()
    {
        return new Command("apikeys", "API keys for the REST API (/api/v1).") { CreateCommand(), ListCommand(), RevokeCommand() };
    }

    private static Command CreateCommand()
    {
        var name = new Option<string>("--name") { Description = "Who or what uses the key (shown in lists and logs).", Required = true };
        var scopes = new Option<string[]>("--scopes")
        {
            Description = $"Scopes, comma-separated or repeated: {string.Join(", ", ApiScopes.All)}. Default: {string.Join(",", ApiScopes.Default)}.",
        };
        var format = CliOutput.FormatOption();
        var command = new Command("create", "Create an API key. The key is printed once, alone on the last line.") { name, scopes, format };
        command.SetAction(async (parse, ct) =>
        {
            var requested = parse.GetValue(scopes) is { Length: > 0 } given ? given : [.. ApiScopes.Default];
            var parsed = ApiScopes.Parse(requested, out var unknown);
            if (unknown.Count > 0 || parsed.Count == 0)
            {
                return CliOutput.UsageError($"unknown scope '{string.Join("', '", unknown)}'; use {string.Join(", ", ApiScopes.All)}.");
            }

            var keyName = parse.GetRequiredValue(name).Trim();
            if (keyName.Length is 0 or > 100)
            {
                return CliOutput.UsageError("--name must have 1 to 100 characters.");
            }

            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var created = await host.Get<ApiKeyStore>().CreateAsync(keyName, parsed, "cli", ct);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(new { id = created.Info.Id, created.Info.Name, created.Info.Prefix, created.Info.Scopes, key = created.Key });
                return CliOutput.Ok;
            }

            Console.WriteLine($"Created API key {created.Info.Id} '{created.Info.Name}' (prefix {created.Info.Prefix}) with scopes: {string.Join(", ", created.Info.Scopes)}.");
            Console.WriteLine("Store the key now; it cannot be shown again:");
            // The key alone on the last line, so scripts can take it with `tail -n 1`.
            Console.WriteLine(created.Key);
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var all = new Option<bool>("--all") { Description = "Include revoked keys." };
        var format = CliOutput.FormatOption();
        var command = new Command("list", "List API keys (never the keys themselves).") { all, format };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var keys = await host.Get<ApiKeyStore>().ListAsync(parse.GetValue(all), ct);
            if (parse.IsJson(format))
            {
                CliOutput.WriteJson(keys);
                return CliOutput.Ok;
            }

            if (keys.Count == 0)
            {
                host.NoteEmpty(parse.GetValue(all) ? "No API keys" : "No active API keys", $"Create one with: {CliHelp.Run("apikeys create --name NAME")}");
                return CliOutput.Ok;
            }

            var table = new CliTable("Id", "Name", "Prefix", "Scopes", "Created", "Last used", "State");
            foreach (var k in keys)
            {
                table.Add(
                    k.Id.ToString(CultureInfo.InvariantCulture), k.Name, k.Prefix, string.Join(" ", k.Scopes),
                    k.CreatedAt.ToString("u", CultureInfo.InvariantCulture), k.LastUsedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never",
                    k.Active ? "active" : $"revoked {k.RevokedAt?.ToString("u", CultureInfo.InvariantCulture)}");
            }

            table.Write();
            return CliOutput.Ok;
        });
        return command;
    }

    private static Command RevokeCommand()
    {
        var key = new Argument<string>("key") { Description = "The key's id or prefix (see apikeys list)." };
        var command = new Command("revoke", "Revoke an API key: requests with it are refused from now on.") { key };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.OpenAsync(parse, seedAccounts: false, ct);
            var store = host.Get<ApiKeyStore>();
            var found = await store.FindAsync(parse.GetRequiredValue(key).Trim(), ct);
            if (found is null)
            {
                return CliOutput.Fail($"no API key with id or prefix '{parse.GetValue(key)}'.");
            }

            if (!await store.RevokeAsync(found.Id, ct))
            {
                return CliOutput.Fail($"API key {found.Id} '{found.Name}' was revoked already.");
            }

            Console.WriteLine($"Revoked API key {found.Id} '{found.Name}' (prefix {found.Prefix}).");
            return CliOutput.Ok;
        });
        return command;
    }
}
