using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Parley.Core.Contacts;
using Parley.Identity.Audit;
using Parley.Identity.Codes;

namespace Parley.Identity.Web;

/// <summary>
/// Sign-in for web clients under <c>/api/v1/auth</c>: ask for a code, check it (a session token back, and the
/// <c>parley_session</c> cookie), sign out, and who am I. Limited per client address; errors are problem details that
/// name the field.
/// </summary>
public static class IdentityApi
{
    public const string Prefix = "/api/v1/auth";
    public const string Tag = "Sign-in";

    public static RouteGroupBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags(Tag).RequireRateLimiting(IdentityRateLimitPolicy.Name)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/otp", RequestAsync)
            .WithName("RequestSignInCode")
            .WithSummary("Send a sign-in code to a WhatsApp number")
            .WithDescription(
                "Sends a 6-digit code to the number's WhatsApp, through the account that serves it: as a message inside WhatsApp's " +
                "24-hour window, else as the account's AUTHENTICATION template. The code expires after 5 minutes, works once, and " +
                "survives 5 wrong tries; a new code replaces the previous one. At most 3 codes per number per 10 minutes (429 with " +
                "Retry-After). The answer is the same whether or not the number may sign in, so it does not tell who is registered.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/otp/verify", VerifyAsync)
            .WithName("VerifySignInCode")
            .WithSummary("Check a sign-in code and start a web session")
            .WithDescription(
                "On the right code: 200 with a session token (send it as `Authorization: Bearer ps_…`) and the `parley_session` " +
                "cookie (HttpOnly, SameSite=Lax). The session lasts 7 days from its last use. A wrong, expired or used code is a " +
                "400 whose `errors.code` says which, and how many tries are left.")
            .ProducesValidationProblem();
        group.MapPost("/logout", LogoutAsync)
            .WithName("SignOut")
            .WithSummary("End the web session")
            .WithDescription("Revokes the session of the cookie or bearer token at once and deletes the cookie.");
        group.MapGet("/me", MeAsync)
            .WithName("GetSignedInNumber")
            .WithSummary("The signed-in number")
            .WithDescription("Needs a web session (`parley_session` cookie or `Authorization: Bearer ps_…`).")
            .RequireAuthorization(IdentityPolicies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return group;
    }

    private const string OnItsWay = "If this number may sign in, a code is on its way to its WhatsApp.";

    private static async Task<Results<Accepted<OtpAccepted>, ValidationProblem, ProblemHttpResult>> RequestAsync(
        OtpRequest body, HttpContext http, IOneTimeCodes codes, IEnumerable<IIdentityResolver> resolvers, SignInAudit audit,
        IOptionsMonitor<IdentityOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Phone) || !PhoneNumber.TryParse(body.Phone, null, out var phone))
        {
            return Invalid("phone", "'phone' must be a phone number in international form, like +15550001111.");
        }

        var all = resolvers.ToList();
        if (body.Realm is { } realm && !all.Any(r => r.Realm == realm))
        {
            return Invalid("realm", $"No realm '{realm}' here.");
        }

        var e164 = phone.ToE164();
        var ip = http.Connection.RemoteIpAddress?.ToString();
        // Without a realm a code only proves control of the number (a guest who never booked may sign in);
        // with one, the code goes only to numbers that realm knows.
        if (body.Realm is not null && !await AnyKnowsAsync(all.Where(r => r.Realm == body.Realm), e164, ct))
        {
            // The same answer as for a known number: the endpoint does not tell who is registered.
            await audit.RecordAsync(SignInEvents.Web, SignInEvents.NotAllowed, e164, ip, realm: body.Realm, ct: ct);
            return TypedResults.Accepted((string?)null, new OtpAccepted(OnItsWay, time.GetUtcNow() + options.CurrentValue.CodeLifetime));
        }

        return await codes.RequestAsync(new CodeRequest(e164, body.Account, body.Language, ip), ct) switch
        {
            CodeRequestResult.Sent sent => TypedResults.Accepted((string?)null, new OtpAccepted(OnItsWay, sent.ExpiresAt)),
            CodeRequestResult.Refused { Reason: CodeRefusals.TooMany } tooMany => TooMany(http, tooMany),
            CodeRequestResult.Refused { Reason: CodeRefusals.InvalidPhone or CodeRefusals.NoAccount } invalid => Invalid(invalid.Field ?? "phone", invalid.Message),
            CodeRequestResult.Refused refused => TypedResults.Problem(refused.Message, statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The code cannot be sent", extensions: new Dictionary<string, object?> { ["code"] = refused.Reason, ["field"] = refused.Field }),
            _ => throw new InvalidOperationException("Unknown code request result."),
        };
    }

    private static async Task<Results<Ok<SignedInView>, ValidationProblem>> VerifyAsync(
        OtpVerifyRequest body, HttpContext http, IOneTimeCodes codes, IWebSessions sessions, SignInAudit audit, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Phone) || !PhoneNumber.TryParse(body.Phone, null, out var phone))
        {
            return Invalid("phone", "'phone' must be the phone number the code was sent to, like +15550001111.");
        }

        if (CodeSecrets.Normalize(body.Code) is not { } code)
        {
            return Invalid("code", "'code' must be the 6 digits sent to the number's WhatsApp.");
        }

        var ip = http.Connection.RemoteIpAddress?.ToString();
        switch (await codes.VerifyAsync(phone.ToE164(), code, ip, ct))
        {
            case CodeCheckResult.Verified verified:
                var start = await sessions.StartAsync(verified.Phone, ip, ct);
                await audit.RecordAsync(SignInEvents.Web, SignInEvents.SignedIn, verified.Phone, ip, detail: "session " + start.Session.Id.ToString(CultureInfo.InvariantCulture), ct: ct);
                SessionCookie.Write(http, start.Token, start.Session.ExpiresAt);
                return TypedResults.Ok(new SignedInView(start.Token, verified.Phone, start.Session.ExpiresAt));
            case CodeCheckResult.Wrong wrong:
                return Invalid("code", wrong.TriesLeft > 0
                    ? $"The code is not right; {wrong.TriesLeft} tries left."
                    : "The code is not right, and that was the last try: ask for a new code.");
            case CodeCheckResult.Expired:
                return Invalid("code", "The code has expired: ask for a new one.");
            default:
                return Invalid("code", "No code is waiting for this number (it was used, replaced by a newer one, or tried too often): ask for a new one.");
        }
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, IWebSessions sessions, SignInAudit audit, CancellationToken ct)
    {
        if (IdentityAuthenticationHandler.ReadToken(http.Request) is { } token)
        {
            var session = await sessions.FindAsync(token, ct);
            await sessions.RevokeAsync(token, ct);
            if (session is not null)
            {
                await audit.RecordAsync(SignInEvents.Web, SignInEvents.SignedOut, session.Phone, http.Connection.RemoteIpAddress?.ToString(), ct: ct);
            }
        }

        SessionCookie.Delete(http);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MeView>, UnauthorizedHttpResult>> MeAsync(HttpContext http, IWebSessions sessions, CancellationToken ct) =>
        IdentityAuthenticationHandler.ReadToken(http.Request) is { } token && await sessions.FindAsync(token, ct) is { } session
            ? TypedResults.Ok(new MeView(session.Phone, session.StartedAt, session.ExpiresAt))
            : TypedResults.Unauthorized();

    private static async Task<bool> AnyKnowsAsync(IEnumerable<IIdentityResolver> resolvers, string phone, CancellationToken ct)
    {
        foreach (var resolver in resolvers)
        {
            if (await resolver.ResolveAsync(phone, ct) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static ProblemHttpResult TooMany(HttpContext http, CodeRequestResult.Refused refused)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling((refused.RetryAfter ?? TimeSpan.FromMinutes(1)).TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(refused.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many codes",
            extensions: new Dictionary<string, object?> { ["code"] = refused.Reason, ["field"] = refused.Field, ["retryAfterSeconds"] = seconds });
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is not valid");
}
