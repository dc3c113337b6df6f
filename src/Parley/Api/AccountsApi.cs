using Microsoft.AspNetCore.Http.HttpResults;
using Parley.Core;
using Parley.Core.Accounts;
using Parley.Core.Outbound;

namespace Parley.Api;

/// <summary>Accounts (business numbers). Secrets are write-only: answers list which are set, never their values.</summary>
public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/accounts", "Accounts");
        group.MapGet("/", ListAsync)
            .Read()
            .WithName("ListAccounts")
            .WithSummary("Accounts")
            .WithExamples(response: new List<AccountView> { AccountView.Example });
        group.MapGet("/{id}", FindAsync)
            .Read()
            .WithName("GetAccount")
            .WithSummary("One account")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: AccountView.Example);
        group.MapPost("/", CreateAsync)
            .Admin()
            .WithName("CreateAccount")
            .WithSummary("Add an account")
            .WithDescription("Settings are plain (PhoneNumberId, From, Endpoint, ...); secrets (AccessToken, AppSecret, VerifyToken, AuthToken, AccessKey, WebhookSecret, *ApiKey) are stored encrypted and never returned.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithExamples(
                new CreateAccountRequest
                {
                    Id = "meta-main", Provider = "meta", Bot = "echo",
                    Settings = new Dictionary<string, string> { ["PhoneNumberId"] = "106540352242922" },
                    Secrets = new Dictionary<string, string> { ["AccessToken"] = "EAAG…", ["AppSecret"] = "…", ["VerifyToken"] = "…" },
                },
                AccountView.Example, StatusCodes.Status201Created);
        group.MapPatch("/{id}", UpdateAsync)
            .Admin()
            .WithName("UpdateAccount")
            .WithSummary("Change an account")
            .WithDescription("Only what is given changes. A setting set to \"\" is removed. Accounts declared in configuration are changed there (409).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithExamples(new UpdateAccountRequest { Enabled = false }, AccountView.Example with { Enabled = false });
        group.MapDelete("/{id}", RemoveAsync)
            .Admin()
            .WithName("RemoveAccount")
            .WithSummary("Remove an account")
            .WithDescription("An account with history is disabled instead, so its messages keep their owner.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/test", TestAsync)
            .Admin()
            .WithName("TestAccount")
            .WithSummary("Check the account's credentials with its provider")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithExamples(response: new AccountTestResult(true, "Phone number 106540352242922 verified."));
        return group;
    }

    private static async Task<Ok<List<AccountView>>> ListAsync(AccountStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(AccountView.From).ToList());

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> FindAsync(string id, AccountStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } account ? TypedResults.Ok(AccountView.From(account)) : ApiProblems.NotFound($"No account '{id}'.");

    private static async Task<Results<Created<AccountView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateAccountRequest request, AccountAdmin admin, ChannelCatalog channels, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Id))
        {
            errors.Add(new("id", "'id' is required: a URL-safe id used in webhook paths."));
        }

        if (string.IsNullOrWhiteSpace(request.Provider))
        {
            errors.Add(new("provider", $"'provider' is required: one of {string.Join(", ", channels.Providers.Order(StringComparer.Ordinal))}."));
        }

        errors.AddRange(SecretsInSettings(request.Settings));
        if (errors.Count > 0)
        {
            return ApiProblems.Validation(errors);
        }

        var result = await admin.CreateAsync(new Account(request.Id!.Trim(), request.Provider!)
        {
            Bot = string.IsNullOrWhiteSpace(request.Bot) ? null : request.Bot.Trim(),
            DisplayName = request.DisplayName,
            Enabled = request.Enabled ?? true,
            Settings = request.Settings ?? new Dictionary<string, string>(),
            Secrets = request.Secrets ?? new Dictionary<string, string>(),
        }, ct);
        return result.Status switch
        {
            AccountChangeStatus.Done => TypedResults.Created($"{ApiExtensions.Prefix}/accounts/{result.Account!.Id}", AccountView.From(result.Account)),
            AccountChangeStatus.Invalid => ApiProblems.Validation(result.Errors.Select(ToField)),
            _ => ApiProblems.Conflict(result.Detail ?? "The account exists already."),
        };
    }

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, UpdateAccountRequest request, AccountAdmin admin, CancellationToken ct)
    {
        var result = await admin.UpdateAsync(id, new AccountChanges
        {
            Bot = request.Bot,
            DisplayName = request.DisplayName,
            Enabled = request.Enabled,
            Settings = request.Settings,
            Secrets = request.Secrets,
        }, ct);
        return result.Status switch
        {
            AccountChangeStatus.Done => TypedResults.Ok(AccountView.From(result.Account!)),
            AccountChangeStatus.Invalid => ApiProblems.Validation(result.Errors.Select(ToField)),
            AccountChangeStatus.NotFound => ApiProblems.NotFound($"No account '{id}'."),
            _ => ApiProblems.Conflict(result.Detail!),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string id, AccountAdmin admin, CancellationToken ct)
    {
        var result = await admin.RemoveAsync(id, ct);
        return result.Status switch
        {
            AccountChangeStatus.Done => TypedResults.NoContent(),
            AccountChangeStatus.NotFound => ApiProblems.NotFound($"No account '{id}'."),
            _ => ApiProblems.Conflict(result.Detail!),
        };
    }

    private static async Task<Results<Ok<AccountTestResult>, ProblemHttpResult>> TestAsync(string id, AccountAdmin admin, CancellationToken ct) =>
        await admin.TestAsync(id, ct) is { } result ? TypedResults.Ok(result) : ApiProblems.NotFound($"No account '{id}'.");

    /// <summary>The validator names account keys (Id, Bot, AccessToken); the API's fields are id, bot, secrets.AccessToken.</summary>
    private static FieldError ToField(FieldError e) => e.Field switch
    {
        "Id" => e with { Field = "id" },
        "Provider" => e with { Field = "provider" },
        "Bot" => e with { Field = "bot" },
        var k when k.Contains('.', StringComparison.Ordinal) => e,
        var k => e with { Field = (AccountSecrets.IsSecret(k) ? "secrets." : "settings.") + k },
    };

    private static IEnumerable<FieldError> SecretsInSettings(IReadOnlyDictionary<string, string>? settings) =>
        (settings ?? new Dictionary<string, string>()).Keys.Where(AccountSecrets.IsSecret)
            .Select(k => new FieldError($"settings.{k}", $"'{k}' is a secret: send it in 'secrets', where it is stored encrypted."));
}
