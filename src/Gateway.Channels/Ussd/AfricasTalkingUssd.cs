using System.Diagnostics.CodeAnalysis;

namespace Gateway.Channels.Ussd;

/// <summary>
/// Africa's Talking's USSD convention. The provider POSTs a form (<c>sessionId</c>, <c>serviceCode</c>,
/// <c>phoneNumber</c>, <c>networkCode</c>, <c>text</c>: "" on the dial, then every answer so far joined by
/// <c>*</c>) and expects <c>text/plain</c> starting <c>CON </c> (show and wait for an answer) or <c>END </c>
/// (show and close). Anything else, or a 4xx, ends the session on the phone.
/// </summary>
public static class AfricasTalkingUssd
{
    public const string Provider = "africastalking";

    public const string ContentType = "text/plain; charset=utf-8";

    private static readonly string[] Required = ["sessionId", "phoneNumber"];

    /// <summary>Reads the form; on failure <paramref name="problem"/> says what is missing, for a 400.</summary>
    public static bool TryParse(IReadOnlyDictionary<string, string> form, [NotNullWhen(true)] out UssdRequest? request, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(form);
        request = null;
        foreach (var name in Required)
        {
            if (!form.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            {
                problem = $"The form has no {name}.";
                return false;
            }
        }

        if (!form.TryGetValue("text", out var text))
        {
            problem = "The form has no text (it is empty on the first request, not absent).";
            return false;
        }

        if (form["sessionId"].Length > 128)
        {
            problem = "The sessionId is longer than 128 characters.";
            return false;
        }

        problem = null;
        request = new UssdRequest
        {
            Provider = Provider,
            SessionId = form["sessionId"],
            PhoneNumber = form["phoneNumber"].Trim(),
            ServiceCode = form.GetValueOrDefault("serviceCode"),
            Network = form.GetValueOrDefault("networkCode"),
            Kind = text.Length == 0 ? UssdRequestKind.Dial : UssdRequestKind.Answer,
            Text = text,
            CumulativeText = true,
            Step = text.Length,
        };
        return true;
    }

    /// <summary>The reply body: <c>CON …</c> or <c>END …</c>.</summary>
    public static string Render(UssdResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (response.Ends ? "END " : "CON ") + response.Text;
    }
}
