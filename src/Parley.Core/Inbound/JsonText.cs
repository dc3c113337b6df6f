using System.Text.Json;
using Parley.Core.Messaging;

namespace Parley.Core.Inbound;

internal static class JsonText
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, ParleyJson.Options);
}
