using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Core.Maintenance;
using Parley.Core.Modules;
using Parley.Core.Outbound;
using Parley.Identity.Audit;
using Parley.Identity.ChatSessions;
using Parley.Identity.ChatSignIn;
using Parley.Identity.Codes;
using Parley.Identity.Maintenance;
using Parley.Identity.Web;
using Parley.Identity.WebSessions;

namespace Parley.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// Sign-in over WhatsApp: one-time codes, web and chat sessions, the <c>ParleyIdentity</c> authentication scheme and
    /// its <see cref="IdentityPolicies.SignedIn"/> policy, the chat sign-in flow. Modules add their
    /// <see cref="IIdentityResolver"/>s. The host maps the routes with <see cref="MapIdentity"/>.
    /// </summary>
    public static IServiceCollection AddParleyIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleSchema(ModuleSchema.Of<IdentityOptions>("identity"));
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IdentityMetrics>();
        services.TryAddSingleton<SignInAudit>();
        services.TryAddSingleton<CodeSecrets>();
        services.TryAddSingleton<CodeStore>();
        services.TryAddSingleton<CodeDelivery>();
        services.TryAddSingleton<OneTimeCodes>();
        services.TryAddSingleton<IOneTimeCodes>(sp => sp.GetRequiredService<OneTimeCodes>());
        services.AddSingleton<IOutboundContentFiller, CodeFiller>();
        services.TryAddSingleton<WebSessionStore>();
        services.TryAddSingleton<IWebSessions>(sp => sp.GetRequiredService<WebSessionStore>());
        services.TryAddSingleton<ChatSessionStore>();
        services.TryAddSingleton<IChatSessions>(sp => sp.GetRequiredService<ChatSessionStore>());
        services.TryAddSingleton<ChatFlowStore>();
        services.TryAddSingleton<ChatSignInFlow>();
        services.TryAddSingleton<IChatSignIn>(sp => sp.GetRequiredService<ChatSignInFlow>());
        services.AddSingleton<IRetentionTask, IdentityRetention>();

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, IdentityAuthenticationHandler>(IdentityAuthentication.Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(IdentityPolicies.SignedIn, p => p
            .AddAuthenticationSchemes(IdentityAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(IdentityClaims.Phone));
        services.AddRateLimiter(o => o.AddPolicy<string, IdentityRateLimitPolicy>(IdentityRateLimitPolicy.Name));
        return services;
    }

    /// <summary>The sign-in routes under <c>/api/v1/auth</c> and the sign-in page at <c>/account</c>.</summary>
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app)
    {
        app.MapIdentityApi();
        app.MapAccountPage();
        return app;
    }
}
