using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Channels.Ussd;

/// <summary>
/// Hubtel's USSD convention: a JSON POST
/// <c>{"Type": "Initiation|Response|Release|Timeout", "Mobile", "SessionId", "ServiceCode", "Message", "Operator",
/// "Sequence", "ClientState"}</c>, where <c>Message</c> is only the latest answer (on Initiation, the string
/// dialled), answered with JSON <c>{"Type": "Response|Release", "Message", "ClientState"}</c>.
/// </summary>
/// <remarks>
/// The request's field names and types, and <c>Response</c>/<c>Release</c> in the reply, are those of Hubtel's
/// published USSD API and of client libraries written against it. <c>Label</c>, <c>DataType</c> ("input") and
/// <c>FieldType</c> ("text") come from Hubtel's newer programmable-services format; we could not confirm them
/// against Hubtel's own documentation, so they are sent as extra fields the older format ignores. Type values
/// are read without regard to case, as some examples write them in lower case.
/// </remarks>
public static class HubtelUssd
{
    public const string Provider = "hubtel";

    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Reads the JSON body; on failure <paramref name="problem"/> says why, for a 400.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out UssdRequest? request, [NotNullWhen(false)] out string? problem)
    {
        request = null;
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(json) as JsonObject;

            // The object's names are read now: a name given twice is refused here rather than where a field is read.
            _ = body?.Count;
        }
        catch (JsonException)
        {
            problem = "The body is not JSON.";
            return false;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Text that is not valid UTF-16, a name given twice, or a name escaped as half a character.
            problem = "The body is not JSON one object can hold: a field is named twice, or a name is not valid Unicode.";
            return false;
        }

        if (body is null)
        {
            problem = "The body is not a JSON object.";
            return false;
        }

        try
        {
            return TryRead(body, out request, out problem);
        }
        catch (InvalidOperationException)
        {
            // A \u escape of half a character (a lone surrogate) is valid JSON but no text.
            request = null;
            problem = "A field of the body holds an escaped half character (\\ud800 and the like), which is no text.";
            return false;
        }
    }

    private static bool TryRead(JsonObject body, [NotNullWhen(true)] out UssdRequest? request, [NotNullWhen(false)] out string? problem)
    {
        request = null;

        var type = Text(body, "Type");
        var mobile = Text(body, "Mobile");
        var sessionId = Text(body, "SessionId");
        if (string.IsNullOrWhiteSpace(type) || string.IsNullOrWhiteSpace(mobile) || string.IsNullOrWhiteSpace(sessionId))
        {
            problem = "Type, Mobile and SessionId are required.";
            return false;
        }

        UssdRequestKind kind;
        switch (type.ToUpperInvariant())
        {
            case "INITIATION":
                kind = UssdRequestKind.Dial;
                break;
            case "RESPONSE":
                kind = UssdRequestKind.Answer;
                break;
            case "RELEASE" or "TIMEOUT":
                kind = UssdRequestKind.Closed;
                break;
            default:
                problem = $"Type \"{type}\" is not Initiation, Response, Release or Timeout.";
                return false;
        }

        if (!TryStep(body["Sequence"], out var sequence))
        {
            problem = "Sequence is required and must be a whole number.";
            return false;
        }

        if (sessionId.Length > 128)
        {
            problem = "The SessionId is longer than 128 characters.";
            return false;
        }

        var digits = mobile.Trim();
        problem = null;
        request = new UssdRequest
        {
            Provider = Provider,
            SessionId = sessionId,
            PhoneNumber = digits.All(char.IsAsciiDigit) ? "+" + digits : digits,
            ServiceCode = Text(body, "ServiceCode"),
            Network = Text(body, "Operator"),
            Kind = kind,
            Text = kind == UssdRequestKind.Dial ? string.Empty : Text(body, "Message") ?? string.Empty,
            CumulativeText = false,
            Step = sequence,
            ClientState = Text(body, "ClientState"),
        };
        return true;
    }

    /// <summary>The reply body: <c>Response</c> to wait for an answer, <c>Release</c> to close.</summary>
    public static string Render(UssdResponse response, string? clientState = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var reply = new JsonObject
        {
            ["Type"] = response.Ends ? "Release" : "Response",
            ["Message"] = response.Text,
            ["DataType"] = "input",
            ["FieldType"] = "text",
        };
        if (clientState is not null)
        {
            reply["ClientState"] = clientState;
        }

        return reply.ToJsonString();
    }

    private static string? Text(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => null,
    };

    private static bool TryStep(JsonNode? node, out long step)
    {
        step = 0;
        switch (node)
        {
            case JsonValue value when value.TryGetValue<long>(out step):
                return step >= 0;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out step);
            default:
                return false;
        }
    }
}
