using System.Net;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>The static files the console's setup serves from wwwroot.</summary>
public class ConsoleSetupFacts
{
    [Fact]
    public async Task Favicon_IsServed_SoBrowsersGetNo404()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var icon = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, icon[..4]);
    }
}
