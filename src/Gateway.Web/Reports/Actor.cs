namespace Gateway.Web.Reports;

/// <summary>
/// Who acts on a report, as its timeline records it: an account (with its organisation), a paged target, the
/// reporter or the gateway itself, and the way the action came in (sms, link, api, voice, console, gateway).
/// </summary>
public sealed record Actor(string Name, string? Organisation, string Via)
{
    public static readonly Actor Gateway = new("gateway", null, "gateway");

    public static readonly Actor Reporter = new("reporter", null, "sms");
}
