using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Core.Messaging;

/// <summary>JSON settings used wherever Parley stores or serves its own objects.</summary>
public static class ParleyJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
