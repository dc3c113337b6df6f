using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parley.Core.Modules;
using Parley.Identity.ChatSessions;
using Parley.Identity.ChatSignIn;
using Parley.Identity.Codes;
using Parley.Identity.Web;
using Parley.Identity.WebSessions;

namespace Parley.Identity;

public static class IdentityExtensions
{
    /// <summary>
    /// Sign-in over WhatsApp: one-time codes, web and chat sessions, the <c>ParleyIdentity</c> authentication scheme and
    /// its <see cref="IdentityPolicies.SignedIn"/> policy, the chat sign-in flow. Modules add their
    /// <see cref="IIdentityResolver"/>s.
    /// </summary>
    public static IServiceCollection AddParleyIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleSchema(ModuleSchema.Of<IdentityOptions>("identity"));
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IOneTimeCodes, OneTimeCodes>();
        services.TryAddSingleton<IWebSessions, WebSessionStore>();
        services.TryAddSingleton<IChatSessions, ChatSessionStore>();
        services.TryAddSingleton<IChatSignIn, ChatSignInFlow>();

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, IdentityAuthenticationHandler>(IdentityAuthentication.Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(IdentityPolicies.SignedIn, p => p
            .AddAuthenticationSchemes(IdentityAuthentication.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(IdentityClaims.Phone));
        return services;
    }

    /// <summary>The sign-in routes under <c>/api/v1/auth</c> and the sign-in page at <c>/account</c>.</summary>
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder app) => app;
}
