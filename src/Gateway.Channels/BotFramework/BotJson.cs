using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Channels.BotFramework;

/// <summary>The Bot Framework's JSON conventions: camelCase names, nulls left out, unknown fields ignored.</summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads an activity; on failure <paramref name="problem"/> says why, in a sentence for the sender.</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out Activity? activity, out string? problem)
    {
        activity = null;
        problem = null;
        if (json.IsEmpty)
        {
            problem = "The body is empty: an activity (JSON) was expected.";
            return false;
        }

        try
        {
            activity = JsonSerializer.Deserialize<Activity>(json, Options);
        }
        catch (JsonException e)
        {
            problem = $"The body is not a valid activity: {e.Message}";
            return false;
        }

        if (activity is null)
        {
            problem = "The body is JSON null: an activity was expected.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            problem = "The activity has no type.";
            activity = null;
            return false;
        }

        return true;
    }

    public static string Serialize(Activity activity) => JsonSerializer.Serialize(activity, Options);
}
