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
using Parley.Core.Media;
using Parley.Core.Operators;
using Parley.Core.Templates;

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
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
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
                });
                // A signed-in operator gets a sandbox pass (a cookie for /sandbox), which ends with their sessions.
                endpoints.MapGet("/sandbox", (HttpContext context, SandboxExposure sandbox, SandboxAccess access) =>
                {
                    if (!sandbox.Enabled)
                    {
                        return Results.NotFound();
                    }

                    access.GiveOperatorPass(context, context.User.OperatorId()!.Value, context.User.SecurityStamp()!);
                    return Results.Redirect("/sandbox");
                }).RequireAuthorization(AdminPolicies.Agent);
                endpoints.MapGet("/media/{id}", async (string id, IMediaStore media, CancellationToken ct) =>
                    await media.OpenAsync(id, ct) is { } found
                        ? new StoredMediaResult(found.Media, found.Content)
                        : Results.NotFound())
                    .RequireAuthorization(AdminPolicies.Agent);
                endpoints.MapRazorComponents<App>().AddInteractiveServerRenderMode();
            });
        });
        return app;
    }
}
