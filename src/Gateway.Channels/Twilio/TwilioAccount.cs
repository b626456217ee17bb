namespace Gateway.Channels.Twilio;

/// <summary>The account the REST API is called as (Basic auth AccountSid:AuthToken) and where the API lives.</summary>
public sealed record TwilioAccount(string AccountSid, string AuthToken, Uri ApiBaseUrl)
{
    public override string ToString() => $"TwilioAccount {{ AccountSid = {AccountSid}, ApiBaseUrl = {ApiBaseUrl} }}";
}
