using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Admin.Auth;
using Parley.Admin.Components;
using Parley.Admin.Pages.Dashboard;
using Parley.Channels.Media;
using Parley.Channels.Sandbox;
using Parley.Core.Conversations;
using Parley.Core.Operators;
using Parley.Core.Templates;
using Parley.Hosting;

namespace Parley.Admin;

/// <summary>
/// The operator admin UI under <c>/admin</c>: Blazor components (static server rendering, interactive server components where
/// things update live) in their own branch of the pipeline, so the UI's routes, sign-in cookie and antiforgery stay inside it.
/// </summary>
public static class AdminExtensions
{
    public const string PathPrefix = "/admin";

    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        // Serves blazor.web.js from the framework's static web assets when not running from published output
        // (`dotnet run` and the tests); after `dotnet publish` it is a file under wwwroot and this is a no-op.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        // Open tabs check their operator again every RevalidationInterval; actions check it themselves (AdminGate).
        services.AddScoped<AuthenticationStateProvider, AdminAuthenticationStateProvider>();
        services.AddScoped<AdminGate>();
        services.AddAuthentication().AddCookie(AdminAuth.Scheme, options =>
        {
            options.Cookie.Name = "parley_admin";
            options.Cookie.Path = PathPrefix;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // Secure over HTTPS and everywhere but plain HTTP on this machine (behind a TLS proxy too).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.CookieManager = new SecureOutsideLoopbackCookieManager(new Microsoft.AspNetCore.Authentication.Cookies.ChunkingCookieManager());
            // Relative to the branch's path base (/admin).
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = AdminAuth.ValidatePrincipalAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicies.Agent, p => p.AddAuthenticationSchemes(AdminAuth.Scheme).RequireAuthenticatedUser().RequireRole(OperatorRoles.All))
            .AddPolicy(AdminPolicies.Admin, p => p.AddAuthenticationSchemes(AdminAuth.Scheme).RequireAuthenticatedUser().RequireRole(OperatorRoles.Admin));

        services.TryAddSingleton<OperatorStore>();
        services.AddSingleton<ISandboxOperatorCheck, AdminSandboxOperators>();
        services.TryAddSingleton<CannedResponses>();
        services.TryAddSingleton<TemplateEditor>();
        services.TryAddSingleton<ConversationInbox>();
        services.AddSingleton<AccountHealth>();
        services.AddSingleton<AdminClock>();
        return builder;
    }

    /// <summary>Maps <c>/admin</c> as its own branch: the admin cookie, authorization and antiforgery, then the components.</summary>
    public static WebApplication MapAdmin(this WebApplication app)
    {
        app.Map(new PathString(PathPrefix), (IApplicationBuilder admin) =>
        {
            admin.UseCircuitShutdown();
            admin.UseWebSockets();
            admin.UseRouting();
            admin.UseAuthentication();
            // The admin cookie is the identity here, whatever default scheme the rest of the server (the API) uses.
            admin.Use(async (context, next) =>
            {
                var result = await context.AuthenticateAsync(AdminAuth.Scheme);
                if (result.Succeeded)
                {
                    context.User = result.Principal;
                }

                await next(context);
            });
            admin.UseAuthorization();
            admin.UseAntiforgery();
            admin.UseEndpoints(endpoints =>
            {
                endpoints.MapPost("/logout", async (HttpContext context, OperatorStore operators, [FromForm] string? everywhere) =>
                {
                    // "Sign out everywhere": a new security stamp ends this operator's other cookies and open tabs too.
                    if (everywhere is not null && context.User.OperatorId() is { } id)
                    {
                        await operators.EndSessionsAsync(id, context.RequestAborted);
                    }

                    await context.SignOutAsync(AdminAuth.Scheme);
                    SandboxAccess.TakePass(context);
                    return TypedResults.LocalRedirect($"{PathPrefix}/login");
                }).ExcludeFromDescription(); // The admin's, at /admin/logout: not part of the API document.
                // A signed-in operator gets a sandbox pass (a cookie for /sandbox), which ends with their sessions.
                endpoints.MapGet("/sandbox", (HttpContext context, SandboxExposure sandbox, SandboxAccess access) =>
                {
                    if (!sandbox.Enabled)
                    {
                        return Results.NotFound();
                    }

                    access.GiveOperatorPass(context, context.User.OperatorId()!.Value, context.User.SecurityStamp()!);
                    return Results.Redirect("/sandbox");
                }).RequireAuthorization(AdminPolicies.Agent).ExcludeFromDescription();
                endpoints.MapGet("/media/{id}", async (string id, long? message, MessageMediaFiles files, CancellationToken ct) =>
                    await files.OpenAsync(id, message, accountId: null, ct) is { } found ? found : Results.NotFound())
                    .RequireAuthorization(AdminPolicies.Agent)
                    .ExcludeFromDescription();
                endpoints.MapGet("/clinic/audit.csv", async (string? patient, Parley.Clinic.Patients.ClinicDirectory directory, Parley.Clinic.Access.AccessAudit audit, CancellationToken ct) =>
                {
                    long? patientId = null;
                    if (!string.IsNullOrWhiteSpace(patient))
                    {
                        patientId = Parley.Core.Contacts.PhoneNumber.TryParse(patient, null, out var phone)
                            ? (await directory.FindPatientByPhoneAsync(phone.ToE164(), ct))?.Id ?? -1
                            : -1;
                    }

                    var csv = Parley.Clinic.Access.AuditCsv.Write(await audit.ListAsync(patientId, null, null, 100_000, ct));
                    return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "clinic-access-audit.csv");
                }).RequireAuthorization(AdminPolicies.Admin).ExcludeFromDescription();
                endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
            });
        });
        return app;
    }

    /// <summary>Registers the admin's start-up line (see <see cref="AnnounceAsync"/>).</summary>
    public static WebApplication AnnounceAdmin(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync(app));
        return app;
    }

    /// <summary>
    /// The start-up line that says where the admin is and how to get in: without an operator, the command that creates one
    /// (as it is typed here: <c>dotnet run --project src/Parley -- admin create …</c> or <c>parley admin create …</c>).
    /// </summary>
    private static async Task AnnounceAsync(WebApplication app)
    {
        try
        {
            var address = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null)
            {
                return;
            }

            var url = Hosting.ServerAddress.Browsable(address) + PathPrefix;
            var operators = await app.Services.GetRequiredService<OperatorStore>().ListAsync(app.Lifetime.ApplicationStopping);
            if (operators.Count == 0)
            {
                app.Logger.LogInformation(
                    "Admin: {AdminUrl}. No operator yet: create one with `{Command}`, then sign in there with that email and password",
                    url, $"{Hosting.CommandLineName.Current} admin create --email you@example.com");
            }
            else
            {
                app.Logger.LogInformation("Admin: {AdminUrl} ({Operators} operator(s); `{Command}` adds one)", url, operators.Count, $"{Hosting.CommandLineName.Current} admin create --email …");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            app.Logger.LogDebug(ex, "The admin's start-up line could not be written");
        }
    }
}
