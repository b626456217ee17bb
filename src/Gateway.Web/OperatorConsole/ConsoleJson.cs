using System.Text.Json;

namespace Gateway.Web.OperatorConsole;

/// <summary>JSON as the console's script reads it: camelCase names.</summary>
internal static class ConsoleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
