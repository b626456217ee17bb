using System.Text.Json.Serialization;

namespace Gateway.Core.Outbound;

/// <summary>
/// Who a message or a call the gateway starts is for. It decides what the outbound gate checks: every audience
/// but <see cref="Responder"/> passes the same opt-out, country and daily caps.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutboundAudience>))]
public enum OutboundAudience
{
    /// <summary>A person who wrote to the gateway, texted at the number kept for them: consent, opt-out, country, caps.</summary>
    Contact,

    /// <summary>
    /// A number a person typed (a buddy's, from BUDDY &lt;number&gt;): nobody asked that number, so it gets nothing once
    /// it sent STOP, only in allowed countries, and within the per-recipient and daily caps, counted under the
    /// number's own contact id whoever typed it.
    /// </summary>
    TypedNumber,

    /// <summary>A call back to the number that asked for it (CALL): opt-out, country, call-backs per person a day, daily cap.</summary>
    CallBack,

    /// <summary>
    /// A responder's verified number (a page), from the paging number: allowed countries only. A missed page is worse
    /// than a cap, and a responder's STOP to the public number never silences pages.
    /// </summary>
    Responder,

    /// <summary>
    /// A verification code to a number someone typed as their own responder number, from the paging number only:
    /// allowed countries and the daily cap, with the per-recipient cap counted per account, never per number; no
    /// contact is read, so the answer is the same whether or not the number ever wrote to the gateway.
    /// </summary>
    ResponderCode,
}
