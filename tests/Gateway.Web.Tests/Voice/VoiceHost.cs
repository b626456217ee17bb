using System.Text.RegularExpressions;
using System.Xml.Linq;
using Gateway.Core.Cases;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Web.Tests.Voice;

/// <summary>
/// An embedded gateway on a copy of the shipped flows whose directory gives the Burmese-speaking NGO partner in
/// Thailand a test number a call can be put through to, with one English recording (a short silent WAV) for the
/// language menu. WireMock stands in for Twilio's Calls API.
/// </summary>
public sealed partial class VoiceHost : IDisposable
{
    public const string NgoNumber = "+66815550101";
    public const string CallerId = "+15005550006";
    public const string CallsPath = "/2010-04-01/Accounts/ACtest/Calls.json";

    private readonly string _root;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _actions = new(StringComparer.Ordinal);

    public VoiceHost(IDictionary<string, string?>? settings = null, bool ngoNumber = true)
    {
        _root = Directory.CreateTempSubdirectory("gateway-voice-").FullName;
        foreach (var folder in new[] { "flows", "localization" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, folder)))
            {
                File.Copy(file, Path.Combine(_root, folder, Path.GetFileName(file)));
            }
        }

        if (ngoNumber)
        {
            var directory = Path.Combine(_root, "flows", "directory.yaml");
            var text = File.ReadAllText(directory);
            var at = text.IndexOf("id: th-ngo-burmese", StringComparison.Ordinal);
            var page = text.IndexOf("page_number: placeholder", at, StringComparison.Ordinal);
            File.WriteAllText(directory, text[..page] + $"page_number: \"{NgoNumber}\"" + text[(page + "page_number: placeholder".Length)..]);
        }

        var english = Path.Combine(_root, "localization", "en.yaml");
        File.WriteAllText(english, File.ReadAllText(english).Replace(
            "  language.choose:\n",
            "  language.choose:\n    audio: audio/en/language.choose.wav\n",
            StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(_root, "localization", "audio", "en"));
        File.WriteAllBytes(Path.Combine(_root, "localization", "audio", "en", "language.choose.wav"), SilentWav(800));

        Mock = WireMockServer.Start();
        Mock.Given(Request.Create().WithPath(CallsPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody(_ => $$"""{"sid": "CA{{Guid.NewGuid():N}}", "status": "queued"}"""));

        var all = new Dictionary<string, string?>
        {
            ["Gateway:FlowsPath"] = Path.Combine(_root, "flows"),
            ["Gateway:LocalizationPath"] = Path.Combine(_root, "localization"),
            ["Twilio:ApiBaseUrl"] = Mock.Url,
            ["Twilio:FromNumber"] = CallerId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Factory = new GatewayFactory(settings: all);
        Client = Factory.CreateClient();
    }

    public WireMockServer Mock { get; }

    public GatewayFactory Factory { get; }

    public HttpClient Client { get; }

    public IReportStore Reports => Factory.Services.GetRequiredService<IReportStore>();

    public string AudioFolder => Path.Combine(_root, "localization", "audio");

    public static string NewCallSid() => "CA" + Guid.NewGuid().ToString("N");

    /// <summary>
    /// What Twilio posts, signed, for a new call (no Digits, to /voice/twilio) or a Gather's keys (to the action of
    /// the call's last Gather, as Twilio does); the TwiML answer. <paramref name="path"/> posts somewhere else.
    /// </summary>
    public async Task<XDocument> CallAsync(string callSid, string from, string? digits, string? path = null)
    {
        path ??= digits is not null && _actions.TryGetValue(callSid, out var action) ? action : "/voice/twilio";
        using var response = await Client.SendAsync(GatewayFactory.SignedPost(path, Form(callSid, from, digits)));
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var twiml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        if (twiml.Descendants("Gather").FirstOrDefault()?.Attribute("action")?.Value is { } next && next.StartsWith(GatewayFactory.PublicBaseUrl, StringComparison.Ordinal))
        {
            _actions[callSid] = next[GatewayFactory.PublicBaseUrl.Length..];
        }

        return twiml;
    }

    public static List<KeyValuePair<string, string>> Form(string callSid, string from, string? digits)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("CallSid", callSid),
            new("AccountSid", "ACtest"),
            new("From", from),
            new("To", CallerId),
            new("CallStatus", "in-progress"),
            new("Direction", "inbound"),
            new("ApiVersion", "2010-04-01"),
            new("Caller", from),
            new("Called", CallerId),
        };
        if (digits is not null)
        {
            form.Add(new("Digits", digits));
        }

        return form;
    }

    /// <summary>The texts said and the recordings played, in order, outside and inside Gathers.</summary>
    public static IReadOnlyList<string> Spoken(XDocument twiml) =>
        [.. twiml.Descendants().Where(e => e.Name.LocalName is "Say" or "Play").Select(e => e.Name.LocalName == "Play" ? "play " + e.Value : e.Value)];

    /// <summary>The reference in a text said one character at a time ("K, 7, M, …"), read back.</summary>
    public static string? SpelledReference(IEnumerable<string> said) =>
        said.SelectMany(s => SpelledPattern().Matches(s)).Select(m => m.Value.Replace(", ", string.Empty, StringComparison.Ordinal))
            .FirstOrDefault(ReportReference.IsValid);

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Mock.Stop();
        Mock.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by the host; the temporary folder is left behind.
        }
    }

    /// <summary>A valid 8 kHz, 16-bit mono WAV of <paramref name="samples"/> silent samples.</summary>
    private static byte[] SilentWav(int samples)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(8000);
        writer.Write(16000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        writer.Write(new byte[samples * 2]);
        writer.Flush();
        return stream.ToArray();
    }

    [GeneratedRegex(@"\b[A-Z0-9](, [A-Z0-9]){5,15}\b")]
    private static partial Regex SpelledPattern();
}
