using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Gateway.Web.Health;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Health;

/// <summary>/metrics: open on the embedded default only, otherwise behind Metrics__Key or on Metrics__Port.</summary>
public sealed class MetricsAccessFacts
{
    private const string Key = "scrape-key-5c1f0e7d9a2b4c6e";

    [Fact]
    public async Task Metrics_AreOpen_OnTheEmbeddedDefault_WithNoKeySet()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_AreClosed_OnRedis_WithNoKeySet()
    {
        using var factory = new GatewayFactory(redis: true);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Metrics__Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_NeedTheKey_WhenOneIsSet()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Metrics:Key"] = Key });
        using var client = factory.CreateClient();

        using var none = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var byBearer = await client.SendAsync(bearer);
        Assert.Equal(HttpStatusCode.OK, byBearer.StatusCode);

        using var header = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        header.Headers.Add(MetricsAccess.KeyHeader, Key);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(header)).StatusCode);
    }

    [Fact]
    public async Task Metrics_AreAnswered_OnTheirOwnPort_AndNotOnThePublicOne()
    {
        var port = FreePort();
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        factory.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, port);
        });
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var publicUrl = addresses.First(a => !a.EndsWith(":" + port, StringComparison.Ordinal)).TrimEnd('/');
        using var client = new HttpClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(publicUrl + "/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{port}/metrics")).StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
