using System.Globalization;
using System.Security.Cryptography;
using Gateway.Channels.Twilio;

namespace Gateway.Bench.Http;

/// <summary>
/// The requests: real Twilio SMS webhooks, signed with the auth token over the public URL exactly as Twilio signs
/// them, from a pool of Thai mobile numbers. Each number goes through a journey over the shipped flows, one
/// message at a time, so its session is real:
/// "hello" (LANGUAGE once the person is known), a language (1 English, 2 Burmese, every other person), 5 (report),
/// 2 (labour), 2 (not under 18), 1 (no place), 1 (for self), 1 (may text), 2 (may not call: the report is opened),
/// MENU. A number's messages are never in flight together: in the throughput phase each worker owns its numbers,
/// and at a fixed rate a number comes round again only after all the others.
/// </summary>
internal sealed class WebhookTraffic
{
    public const string Path = "/sms/twilio";
    public const string GatewayNumber = "+15005550006";

    /// <summary>Messages in one journey.</summary>
    public const int JourneyLength = 10;

    /// <summary>The index of the message that opens a report.</summary>
    public const int ReportStep = 8;

    private static readonly string[] Steps = ["hello", "{language}", "5", "2", "2", "1", "1", "1", "2", "MENU"];

    private readonly string _signedUrl;
    private readonly string _authToken;
    private readonly string _accountSid;
    private readonly Uri _target;
    private readonly string[] _numbers;
    private readonly int[] _sent;
    private long _reportsAnswered;

    /// <summary>
    /// Requests to <paramref name="target"/> (the server's own loopback URL), signed over
    /// <paramref name="signedUrl"/> (the gateway's configured public base URL and the path), from
    /// <paramref name="contacts"/> numbers.
    /// </summary>
    public WebhookTraffic(Uri target, string signedUrl, string authToken, string accountSid, int contacts)
    {
        _target = target;
        _signedUrl = signedUrl;
        _authToken = authToken;
        _accountSid = accountSid;
        _numbers = Numbers(contacts);
        _sent = new int[contacts];
    }

    public int Contacts => _numbers.Length;

    /// <summary>Answered requests that opened a report (a journey's ninth message): the gateway must hold as many reports.</summary>
    public long ReportsAnswered => Interlocked.Read(ref _reportsAnswered);

    /// <summary>
    /// The next message of <paramref name="contact"/>'s journey. Not safe for two callers with the same contact at
    /// once (nor is a conversation); different contacts are independent.
    /// </summary>
    public Webhook Next(int contact)
    {
        var index = _sent[contact]++;
        var step = index % Steps.Length;
        var body = step switch
        {
            0 => index == 0 ? "hello" : "LANGUAGE",
            1 => contact % 2 == 0 ? "1" : "2",
            _ => Steps[step],
        };

        KeyValuePair<string, string>[] form =
        [
            new("MessageSid", "SM" + Guid.NewGuid().ToString("N")),
            new("AccountSid", _accountSid),
            new("From", _numbers[contact]),
            new("To", GatewayNumber),
            new("Body", body),
            new("NumMedia", "0"),
        ];
        var request = new HttpRequestMessage(HttpMethod.Post, _target) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation(TwilioSignature.Header, TwilioSignature.Compute(_signedUrl, form, _authToken));
        return new Webhook(request, step == ReportStep);
    }

    public void CountReport() => Interlocked.Increment(ref _reportsAnswered);

    /// <summary>Distinct Thai mobile numbers, +6681 and seven digits, the same in every run.</summary>
    private static string[] Numbers(int count)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(6681);
        while (numbers.Count < count)
        {
            numbers.Add("+6681" + random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture));
        }

        return [.. numbers];
    }

    /// <summary>A fresh random secret: the auth token and data key of one run.</summary>
    public static string Secret(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));
}

/// <summary>One request, and whether its answer opens a report.</summary>
internal sealed record Webhook(HttpRequestMessage Request, bool OpensReport);
