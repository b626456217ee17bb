using System.Net;
using System.Net.Http.Json;
using Gateway.Core.Outbound;
using Gateway.Web.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Outbound;

/// <summary><c>/api/outbound</c>: open in the embedded default, behind Outbound__AdminApiKey otherwise; never a number or a text.</summary>
public class OutboundApiFacts
{
    private static async Task<OutboundMessage> AddAsync(GatewayFactory factory)
    {
        var now = DateTimeOffset.UtcNow;
        var message = new OutboundMessage
        {
            Id = OutboundMessage.NewId(),
            ContactId = "contact-1",
            Purpose = "report_followup",
            SealedBody = "c2VhbGVkLWJvZHk=",
            State = OutboundState.Failed,
            ErrorCode = 21211,
            Error = "Twilio says the recipient's number is not a valid phone number (error 21211, HTTP 400).",
            Attempts = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await factory.Services.GetRequiredService<IOutbox>().TryAddAsync(message);
        return message;
    }

    [Fact]
    public async Task Embedded_ShowsAMessage_WithoutItsText()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var message = await AddAsync(factory);

        using var response = await client.GetAsync($"/api/outbound/{message.Id}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"state\":\"failed\"", body, StringComparison.Ordinal);
        Assert.Contains("\"errorCode\":21211", body, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VhbGVk", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/outbound/{OutboundMessage.NewId()}")).StatusCode);
    }

    [Fact]
    public async Task Redis_WithoutAnAdminKey_DoesNotServeIt()
    {
        using var factory = new GatewayFactory(redis: true);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync($"/api/outbound/{OutboundMessage.NewId()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Outbound__AdminApiKey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WithAnAdminKey_AsksForIt(bool redis)
    {
        using var factory = new GatewayFactory(redis, new Dictionary<string, string?> { ["Outbound:AdminApiKey"] = "operators-key-0123456789" });
        using var client = factory.CreateClient();
        var message = await AddAsync(factory);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/outbound/{message.Id}")).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/outbound/failed") { Headers = { { OutboundApi.AdminKeyHeader, "guess" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        client.DefaultRequestHeaders.Add(OutboundApi.AdminKeyHeader, "operators-key-0123456789");
        var view = await client.GetFromJsonAsync<OutboundApi.OutboundView>($"/api/outbound/{message.Id}");
        Assert.Equal(21211, view!.ErrorCode);
        var failed = await client.GetFromJsonAsync<List<OutboundApi.OutboundView>>("/api/outbound/failed?limit=500");
        Assert.Contains(failed!, m => m.Id == message.Id);
    }
}
