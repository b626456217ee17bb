namespace Gateway.Web.Health;

/// <summary>
/// <c>dotnet Gateway.Web.dll healthcheck [URL]</c>: asks a running gateway on this machine whether it is ready
/// (<c>GET /health/ready</c>) and exits 0 when it answers 200, 1 otherwise, saying why in one line. It is the
/// container's healthcheck: the ASP.NET runtime image has no curl or wget, and the gateway's own executable is
/// always there. The URL defaults to localhost at the port of the first http address in <c>ASPNETCORE_URLS</c>
/// (8080 without one, as in the container).
/// </summary>
public static class HealthProbe
{
    public const string Command = "healthcheck";

    /// <summary>How long the probe waits for an answer: within the image's HEALTHCHECK timeout (10 s).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(8);

    /// <summary>True when the process was started to probe another one rather than to serve.</summary>
    public static bool IsRequested(string[] args) => args is [Command, ..];

    /// <summary>The readiness URL to ask: the one given, or the one the gateway listens on by its settings.</summary>
    public static Uri ReadyUrl(string[] args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (args is [Command, var given, ..])
        {
            return new Uri(given);
        }

        var first = (environment("ASPNETCORE_URLS") ?? "http://localhost:8080")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? "http://localhost:8080";
        var authority = first["http://".Length..].TrimEnd('/');
        var port = authority.LastIndexOf(':') is var colon && colon > authority.LastIndexOf(']') ? authority[(colon + 1)..] : "80";
        return new Uri($"http://localhost:{port}/health/ready");
    }

    /// <summary>Asks <paramref name="url"/> once; 0 for a 200, 1 for anything else, with a line on <paramref name="output"/>.</summary>
    public static async Task<int> RunAsync(Uri url, TextWriter output, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(output);
        using var client = new HttpClient { Timeout = timeout ?? DefaultTimeout };
        try
        {
            using var response = await client.GetAsync(url);
            var body = (await response.Content.ReadAsStringAsync()).Trim();
            body = body.Length > 200 ? body[..200] : body;
            await output.WriteLineAsync($"{url}: {(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{url}: the gateway does not answer ({e.Message})");
            return 1;
        }
    }
}
