using Microsoft.Extensions.DependencyInjection;

namespace Parley.Core.Modules;

public static class ModuleServiceCollectionExtensions
{
    /// <summary>Registers a module's schema with the migrator (once per module name).</summary>
    public static IServiceCollection AddModuleSchema(this IServiceCollection services, ModuleSchema schema)
    {
        if (!services.Any(d => d.ServiceType == typeof(ModuleSchema) && d.ImplementationInstance is ModuleSchema s && s.Name == schema.Name))
        {
            services.AddSingleton(schema);
        }

        return services;
    }
}
