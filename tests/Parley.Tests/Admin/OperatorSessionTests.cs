using System.Net;
using System.Security.Claims;
using Parley.Admin.Auth;
using Parley.Core.Operators;

namespace Parley.Tests.Admin;

/// <summary>
/// Issue 17, item 2: a sign-in cookie ends with the operator's session. Regression: a removed operator's cookie and
/// cookies from before a password change kept working (the cookie carried no security stamp).
/// </summary>
public sealed class OperatorSessionTests
{
    private const string Password = "a long enough secret";

    public static TheoryData<string> Changes => ["password", "role", "everywhere", "delete"];

    [Theory, MemberData(nameof(Changes))]
    public async Task ACookieFromBeforeTheChange_IsRefused_AndDeleted(string change)
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        var store = app.Get<OperatorStore>();
        var op = await store.CreateAsync("ana@example.com", "Ana", OperatorRoles.Admin, Password);
        var cookie = AdminCookies.For(app, op);
        using var http = AdminCookies.NoRedirects(app);
        (await GetAsync(http, "/admin/operators", cookie)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await (change switch
        {
            "password" => store.SetPasswordAsync(op.Id, "a brand new secret"),
            "role" => store.SetRoleAsync(op.Id, OperatorRoles.Agent),
            "everywhere" => store.EndSessionsAsync(op.Id),
            _ => store.DeleteAsync(op.Id),
        });

        using var refused = await GetAsync(http, "/admin/operators", cookie);
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/admin/login");
        refused.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith(AdminCookies.Name + "=;", StringComparison.Ordinal));

        // A new sign-in works (except for a removed operator): only the sessions from before ended.
        if (await store.FindAsync(op.Id) is { } now)
        {
            using var fresh = await GetAsync(http, "/admin/", AdminCookies.For(app, now));
            fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task ACookieWithoutAStamp_FromBeforeTheMigration_IsRefused()
    {
        await using var app = await TestApp.StartAsync(DatabaseKind.Sqlite, kestrel: true);
        var op = await app.Get<OperatorStore>().CreateAsync("bo@example.com", null, OperatorRoles.Admin, Password);
        var old = new ClaimsPrincipal(new ClaimsIdentity(
            AdminAuth.Principal(op).Claims.Where(c => c.Type != AdminAuth.StampClaim), AdminAuth.Scheme, ClaimTypes.Name, ClaimTypes.Role));
        using var http = AdminCookies.NoRedirects(app);

        using var refused = await GetAsync(http, "/admin/", AdminCookies.For(app, old));

        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/admin/login");
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return http.SendAsync(request);
    }
}
