using System.Collections.Concurrent;
using Gateway.Channels.Twilio;
using Gateway.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Web.Tests;

/// <summary>
/// The gateway host for tests: embedded by default, or on the test Redis; every log line it writes is kept in
/// <see cref="Logs"/> so tests can read them.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string AuthToken = "test-auth-token-0123456789";
    public const string PublicBaseUrl = "https://gw.example.org";

    private readonly Dictionary<string, string?> _settings;

    public GatewayFactory(bool redis = false, IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Twilio:AuthToken"] = AuthToken,
            ["Twilio:AccountSid"] = "ACtest",
            ["Gateway:PublicBaseUrl"] = PublicBaseUrl,
        };
        if (redis)
        {
            _settings["ConnectionStrings:Redis"] = RedisTestServer.Endpoint.Length > 0 ? RedisTestServer.Endpoint : Touch();
            _settings["Gateway:DataKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new CapturingLoggerProvider(Logs));
        });
    }

    /// <summary>A signed Twilio SMS webhook request for this host.</summary>
    public static HttpRequestMessage SignedSms(string from, string body, string? sid = null, string token = AuthToken)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", sid ?? NewSid()),
            new("AccountSid", "ACtest"),
            new("From", from),
            new("To", "+15005550006"),
            new("Body", body),
            new("NumMedia", "0"),
        };
        return SignedPost("/sms/twilio", form, token);
    }

    public static HttpRequestMessage SignedPost(string pathAndQuery, IReadOnlyList<KeyValuePair<string, string>> form, string token = AuthToken, string baseUrl = PublicBaseUrl)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(baseUrl + pathAndQuery, form, token));
        return request;
    }

    public static string NewSid() => "SM" + Guid.NewGuid().ToString("N");

    private static string Touch()
    {
        _ = RedisTestServer.Multiplexer;
        return RedisTestServer.Endpoint;
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {structured} {exception}");
        }
    }
}
