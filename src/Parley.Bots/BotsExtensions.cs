using Microsoft.Extensions.Hosting;
using Parley.Bots.Echo;
using Parley.Bots.Engine;
using Parley.Bots.Ministry;

namespace Parley.Bots;

public static class BotsExtensions
{
    /// <summary>
    /// The built-in bots and the engine they share. Adding a bot: a folder here with an <see cref="EngineBot"/>
    /// (see Ministry/) or any <see cref="Parley.Core.Bots.IBot"/>, registered below with <c>AddBot</c>.
    /// </summary>
    public static IHostApplicationBuilder AddBots(this IHostApplicationBuilder builder)
    {
        builder.Services.AddBotEngine();
        builder.Services.AddBot<EchoBot>();
        builder.Services.AddBot<MinistryBot>();
        return builder;
    }
}
