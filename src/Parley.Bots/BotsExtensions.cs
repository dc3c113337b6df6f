using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Bots.Echo;
using Parley.Core.Bots;

namespace Parley.Bots;

public static class BotsExtensions
{
    /// <summary>The built-in bots. Adding a bot: a folder here with an <see cref="IBot"/>, registered below.</summary>
    public static IHostApplicationBuilder AddBots(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IBot, EchoBot>();
        return builder;
    }
}
