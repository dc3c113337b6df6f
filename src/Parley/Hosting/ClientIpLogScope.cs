namespace Parley.Hosting;

/// <summary>
/// Puts the client's address into the log scope of every request (<c>ClientIp</c>), as the trusted proxies report it:
/// a refused webhook or a failed sign-in names the caller, not the proxy. JSON logs write scopes as properties.
/// </summary>
public static class ClientIpLogScope
{
    public const string Property = "ClientIp";

    public static IApplicationBuilder UseClientIpLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientIpLogScope));
        return app.Use(async (context, next) =>
        {
            // Scopes are shared by every logger of the factory, so whatever logs during this request carries it.
            using (logger.BeginScope(new KeyValuePair<string, object?>[] { new(Property, context.Connection.RemoteIpAddress?.ToString()) }))
            {
                await next(context);
            }
        });
    }
}
