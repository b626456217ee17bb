using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.Web.Health;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Web.Tests.Health;

/// <summary>
/// <c>dotnet Gateway.Web.dll healthcheck</c>, the container's healthcheck: 0 when a running gateway says it is ready,
/// 1 when it says it is not or does not answer. Run as the real executable against a gateway listening on loopback.
/// </summary>
public sealed class HealthProbeFacts
{
    [Theory]
    [InlineData(null, "http://localhost:8080/health/ready")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080/health/ready")]
    [InlineData("http://+:5000;https://+:5001", "http://localhost:5000/health/ready")]
    [InlineData("https://[::]:5001;http://[::]:5080", "http://localhost:5080/health/ready")]
    public void ReadyUrl_IsTheHttpPortTheGatewayListensOn_OnLocalhost(string? urls, string expected)
    {
        var url = HealthProbe.ReadyUrl(["healthcheck"], name => name == "ASPNETCORE_URLS" ? urls : null);

        Assert.Equal(new Uri(expected), url);
    }

    [Fact]
    public void ReadyUrl_IsTheOneGiven_WhenGiven() =>
        Assert.Equal(new Uri("http://127.0.0.1:9999/health/ready"), HealthProbe.ReadyUrl(["healthcheck", "http://127.0.0.1:9999/health/ready"], _ => "http://+:1"));

    [Fact]
    public async Task Executable_ExitsZero_WhenTheGatewayIsReady()
    {
        await using var gateway = new GatewayFactory();
        gateway.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        gateway.StartServer();
        var url = gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        var (code, output) = await HealthcheckAsync(url + "/health/ready");

        Assert.True(code == 0, output);
        Assert.Contains("200 ready", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_ReturnsOne_WhenTheGatewaySaysItIsNotReady()
    {
        using var mock = WireMockServer.Start();
        mock.Given(Request.Create().WithPath("/health/ready").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("Redis does not answer."));

        using var output = new StringWriter();

        var code = await HealthProbe.RunAsync(new Uri(mock.Url + "/health/ready"), output, TimeSpan.FromSeconds(30));

        Assert.True(code == 1, output.ToString());
        Assert.Contains("503 Redis does not answer.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_ExitsOne_WhenNothingAnswers()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (code, output) = await HealthcheckAsync($"http://127.0.0.1:{port}/health/ready");

        Assert.True(code == 1, output);
        Assert.Contains("does not answer", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the gateway's own executable (Gateway.Web.dll beside the tests) as the container's healthcheck does.</summary>
    private static async Task<(int Code, string Output)> HealthcheckAsync(string url)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Gateway.Web.dll"), HealthProbe.Command, url },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output + await error);
    }
}
