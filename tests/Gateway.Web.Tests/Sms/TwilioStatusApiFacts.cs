using System.Net;
using System.Net.Http.Json;
using Gateway.Core.Outbound;
using Gateway.Web.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Sms;

/// <summary><c>POST /sms/twilio/status</c>: signed, idempotent, in any order; failures visible per message.</summary>
public sealed class TwilioStatusApiFacts : IDisposable
{
    private readonly GatewayFactory _factory = new();
    private readonly HttpClient _client;

    public TwilioStatusApiFacts() => _client = _factory.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private IOutbox Outbox => _factory.Services.GetRequiredService<IOutbox>();

    /// <summary>A message Twilio took (201, queued), as the sender leaves it.</summary>
    private async Task<OutboundMessage> SentAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var message = new OutboundMessage
        {
            Id = OutboundMessage.NewId(),
            ContactId = "contact-1",
            Purpose = "report_followup",
            SealedBody = "sealed",
            State = OutboundState.Sent,
            Attempts = 1,
            ProviderSid = GatewayFactory.NewSid(),
            ProviderStatus = "queued",
            CreatedAt = now,
            UpdatedAt = now,
            SentAt = now,
        };
        await Outbox.TryAddAsync(message);
        return message;
    }

    private static List<KeyValuePair<string, string>> Form(string sid, string status, string? errorCode = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("MessageSid", sid),
            new("MessageStatus", status),
            new("SmsSid", sid),
            new("SmsStatus", status),
            new("AccountSid", "ACtest"),
            new("From", "+15005550006"),
            new("To", "+66812340001"),
            new("ApiVersion", "2010-04-01"),
        };
        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode));
            form.Add(new("ErrorMessage", "Unreachable destination handset"));
        }

        return form;
    }

    private async Task<HttpStatusCode> PostAsync(OutboundMessage message, string status, string? errorCode = null, bool withId = true, string token = GatewayFactory.AuthToken)
    {
        var path = withId ? $"/sms/twilio/status?id={message.Id}" : "/sms/twilio/status";
        using var request = GatewayFactory.SignedPost(path, Form(message.ProviderSid!, status, errorCode), token);
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<OutboundMessage> CurrentAsync(OutboundMessage message) => (await Outbox.LoadAsync(message.Id))!.Message;

    [Fact]
    public async Task SignedCallback_MovesTheMessageOn()
    {
        var message = await SentAsync();

        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(message, "sent"));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(message, "delivered"));

        var current = await CurrentAsync(message);
        Assert.Equal("delivered", current.ProviderStatus);
        Assert.Equal(OutboundState.Sent, current.State);
        Assert.NotNull(current.StatusAt);
    }

    [Theory]
    [InlineData("another-token", true)]
    [InlineData(GatewayFactory.AuthToken, false)]
    public async Task WrongOrMissingSignature_Gets403_AndChangesNothing(string token, bool withSignature)
    {
        var message = await SentAsync();
        using var request = GatewayFactory.SignedPost($"/sms/twilio/status?id={message.Id}", Form(message.ProviderSid!, "failed", "30003"), token);
        if (!withSignature)
        {
            request.Headers.Remove("X-Twilio-Signature");
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, (await Outbox.LoadAsync(message.Id))!.Version);
    }

    [Fact]
    public async Task SignatureCoversOurIdInTheUrl_SoMovingACallbackToAnotherMessageGets403()
    {
        var message = await SentAsync();
        var other = await SentAsync();
        using var request = GatewayFactory.SignedPost($"/sms/twilio/status?id={message.Id}", Form(message.ProviderSid!, "failed", "30003"));
        request.RequestUri = new Uri($"/sms/twilio/status?id={other.Id}", UriKind.Relative);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("queued", (await CurrentAsync(other)).ProviderStatus);
    }

    [Fact]
    public async Task LateStatus_NeverMovesAMessageBack()
    {
        var message = await SentAsync();

        await PostAsync(message, "delivered");
        await PostAsync(message, "sent");
        await PostAsync(message, "queued");

        Assert.Equal("delivered", (await CurrentAsync(message)).ProviderStatus);
    }

    [Fact]
    public async Task DuplicateCallbacks_AreHarmless()
    {
        var message = await SentAsync();
        await PostAsync(message, "delivered");
        var version = (await Outbox.LoadAsync(message.Id))!.Version;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostAsync(message, "delivered")));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NoContent, s));
        Assert.Equal(version, (await Outbox.LoadAsync(message.Id))!.Version);
        Assert.Equal("delivered", (await CurrentAsync(message)).ProviderStatus);
    }

    [Fact]
    public async Task CallbacksInAnyOrder_EndTheSame()
    {
        string[] statuses = ["undelivered", "sending", "sent", "queued"];
        var message = await SentAsync();

        await Task.WhenAll(statuses.Select(s => PostAsync(message, s, s == "undelivered" ? "30003" : null)));

        var current = await CurrentAsync(message);
        Assert.Equal("undelivered", current.ProviderStatus);
        Assert.Equal(OutboundState.Failed, current.State);
        Assert.Equal(30003, current.ErrorCode);
    }

    [Fact]
    public async Task FailedAndUndelivered_AreFinal_WithTheirErrorCode_AndVisiblePerMessage()
    {
        var undelivered = await SentAsync();
        var failed = await SentAsync();
        var delivered = await SentAsync();

        await PostAsync(undelivered, "sent");
        await PostAsync(undelivered, "undelivered", "30003");
        await PostAsync(undelivered, "delivered");
        await PostAsync(failed, "failed", "30007");
        await PostAsync(delivered, "delivered");

        var view = await _client.GetFromJsonAsync<OutboundApi.OutboundView>($"/api/outbound/{undelivered.Id}");
        Assert.Equal("failed", view!.State);
        Assert.Equal("undelivered", view.ProviderStatus);
        Assert.Equal(30003, view.ErrorCode);
        Assert.Equal("Twilio reports the message undelivered: The phone was unreachable (switched off or out of coverage) and the network gave up (error 30003).", view.Error);

        var list = await _client.GetFromJsonAsync<List<OutboundApi.OutboundView>>("/api/outbound/failed");
        Assert.NotNull(list);
        Assert.Equal([failed.Id, undelivered.Id], list.Select(m => m.Id));
        Assert.Equal(30007, list[0].ErrorCode);
        Assert.Contains("spam", list[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallbackWithoutOurId_FindsTheMessageByItsSid()
    {
        var message = await SentAsync();

        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(message, "delivered", withId: false));

        Assert.Equal("delivered", (await CurrentAsync(message)).ProviderStatus);
    }

    [Fact]
    public async Task CallbackThatComesBeforeThe201WasRecorded_StoresTheSid_AndTheMessageIsNotSentAgain()
    {
        var now = DateTimeOffset.UtcNow;
        var sending = new OutboundMessage
        {
            Id = OutboundMessage.NewId(),
            ContactId = "contact-1",
            Purpose = "test",
            SealedBody = "sealed",
            State = OutboundState.Sending,
            Attempts = 1,
            LeaseToken = "in-flight",
            LeaseUntil = now.AddMinutes(2),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await Outbox.TryAddAsync(sending);
        var sid = GatewayFactory.NewSid();

        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(sending with { ProviderSid = sid }, "sent"));

        var current = await CurrentAsync(sending);
        Assert.Equal(sid, current.ProviderSid);
        Assert.Equal(OutboundState.Sent, current.State);
        Assert.True(current.IsSettled);
        Assert.DoesNotContain(sending.Id, await Outbox.DueAsync(now.AddHours(1), 100));
    }

    [Fact]
    public async Task CallbackForAnotherCopy_LeavesTheMessageAsItIs()
    {
        var message = await SentAsync();

        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(message with { ProviderSid = GatewayFactory.NewSid() }, "failed", "30003"));

        Assert.Equal("queued", (await CurrentAsync(message)).ProviderStatus);
    }

    [Fact]
    public async Task CallbackForAnUnknownMessage_IsAnsweredWithoutError()
    {
        using var request = GatewayFactory.SignedPost("/sms/twilio/status", Form(GatewayFactory.NewSid(), "delivered"));
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("lost", null, "MessageStatus")]
    [InlineData("failed", "abc", "ErrorCode")]
    public async Task MalformedCallback_Gets400WithTheReason(string status, string? errorCode, string named)
    {
        using var request = GatewayFactory.SignedPost("/sms/twilio/status", Form(GatewayFactory.NewSid(), status, errorCode));
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
