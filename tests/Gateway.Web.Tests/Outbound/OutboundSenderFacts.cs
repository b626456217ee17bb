using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Gateway.Core.Outbound;
using Gateway.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Outbound;

/// <summary>Outbound SMS end to end in the embedded host, against a WireMock Twilio.</summary>
public sealed class OutboundSenderFacts
{
    private const string Number = "+66812340001";
    private const string Text = "Your report 7KQ2M4X was received. Reply 1 to talk to someone.";

    [Fact]
    public async Task Enqueued_IsSent_WithTheRightFormAndBasicAuth_AndTheSidIsStored()
    {
        using var host = new OutboundHost();
        var sid = OutboundHost.NewSid();
        host.Answer(201, OutboundHost.Created(sid));
        var contact = await host.ContactAsync(Number);

        var queued = await host.Sender.EnqueueAsync(contact, Text, "report_followup");
        var sent = await host.WaitUntilSettledAsync(queued.Id);

        Assert.Equal(OutboundState.Pending, queued.State);
        Assert.Equal(OutboundState.Sent, sent.State);
        Assert.Equal(sid, sent.ProviderSid);
        Assert.Equal("queued", sent.ProviderStatus);
        Assert.Equal(1, sent.Attempts);
        Assert.False(sent.PossibleDuplicate);
        Assert.Null(sent.Error);
        var request = Assert.Single(host.Requests);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ACtest:" + GatewayFactory.AuthToken)), request.Headers!["Authorization"].Single());
        var form = OutboundHost.Form(request);
        Assert.Equal(Number, form["To"]);
        Assert.Equal(OutboundHost.From, form["From"]);
        Assert.Equal(Text, form["Body"]);
        Assert.Equal($"{GatewayFactory.PublicBaseUrl}/sms/twilio/status?id={queued.Id}", form["StatusCallback"]);
        Assert.Equal(sent.Id, await host.Outbox.FindIdByProviderSidAsync(sid));
    }

    [Fact]
    public async Task MessagingService_IsTheSender_WhenConfigured()
    {
        using var host = new OutboundHost(new Dictionary<string, string?> { ["Twilio:MessagingServiceSid"] = "MG0123456789abcdef0123456789abcdef" });
        host.Answer(201, OutboundHost.Created());

        var queued = await host.Sender.EnqueueAsync(await host.ContactAsync(Number), Text, "test");
        await host.WaitUntilSettledAsync(queued.Id);

        var form = OutboundHost.Form(Assert.Single(host.Requests));
        Assert.Equal("MG0123456789abcdef0123456789abcdef", form["MessagingServiceSid"]);
        Assert.Null(form["From"]);
    }

    [Fact]
    public async Task TooManyRequestsThenServerError_IsRetriedWithBackoff_AndSentOnce()
    {
        using var host = new OutboundHost(new Dictionary<string, string?> { ["Outbound:RetryBaseDelay"] = "00:00:00.200", ["Outbound:RetryMaxDelay"] = "00:00:02" });
        var sid = OutboundHost.NewSid();
        host.AnswerInTurn((429, OutboundHost.Error(20429, 429)), (500, """{"code": 20500, "message": "Internal Server Error", "status": 500}"""), (201, OutboundHost.Created(sid)));

        var queued = await host.Sender.EnqueueAsync(await host.ContactAsync(Number), Text, "test");
        var sent = await host.WaitUntilSettledAsync(queued.Id);

        Assert.Equal(OutboundState.Sent, sent.State);
        Assert.Equal(sid, sent.ProviderSid);
        Assert.Equal(3, sent.Attempts);

        // A 500 may hide a message Twilio took: the one that went out may be a second copy.
        Assert.True(sent.PossibleDuplicate);
        var requests = host.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(Text, OutboundHost.Form(r)["Body"]));

        // Waits of at least half the doubled delay: 100 ms after the first attempt, 200 ms after the second.
        Assert.True(requests[1].DateTime - requests[0].DateTime >= TimeSpan.FromMilliseconds(95), $"first wait {requests[1].DateTime - requests[0].DateTime}");
        Assert.True(requests[2].DateTime - requests[1].DateTime >= TimeSpan.FromMilliseconds(195), $"second wait {requests[2].DateTime - requests[1].DateTime}");
    }

    [Fact]
    public async Task Twilio20429_IsRetried_AndNeverMarkedAsAPossibleDuplicate()
    {
        using var host = new OutboundHost();
        host.AnswerInTurn((429, OutboundHost.Error(20429, 429)), (201, OutboundHost.Created()));

        var queued = await host.Sender.EnqueueAsync(await host.ContactAsync(Number), Text, "test");
        var sent = await host.WaitUntilSettledAsync(queued.Id);

        Assert.Equal(OutboundState.Sent, sent.State);
        Assert.Equal(2, sent.Attempts);
        Assert.False(sent.PossibleDuplicate);
        Assert.Equal(2, host.Requests.Count);
    }

    [Fact]
    public async Task ServerErrors_AreRetriedUpToMaxAttempts_ThenTheMessageFails()
    {
        using var host = new OutboundHost(new Dictionary<string, string?> { ["Outbound:MaxAttempts"] = "3" });
        host.Answer(503, "Service Unavailable");

        var queued = await host.Sender.EnqueueAsync(await host.ContactAsync(Number), Text, "test");
        var failed = await host.WaitUntilSettledAsync(queued.Id);
        await Task.Delay(300);

        Assert.Equal(OutboundState.Failed, failed.State);
        Assert.StartsWith("Not sent after 3 attempts (Outbound__MaxAttempts); the last: Twilio answered HTTP 503.", failed.Error, StringComparison.Ordinal);
        Assert.Equal(3, host.Requests.Count);
        Assert.Contains(failed.Id, (await host.Outbox.ListFailedAsync(10)).Select(m => m.Id));
    }

    [Fact]
    public async Task Twilio21610_MarksTheContactOptedOut_AndNothingMoreIsSentToThem()
    {
        using var host = new OutboundHost();
        host.Answer(400, OutboundHost.Error(21610, 400));
        var contact = await host.ContactAsync(Number);

        var first = await host.Sender.EnqueueAsync(contact, Text, "test");
        var failed = await host.WaitUntilSettledAsync(first.Id);
        var later = await host.Sender.EnqueueAsync(contact, "A later message", "test");
        await Task.Delay(300);

        Assert.Equal(OutboundState.Failed, failed.State);
        Assert.Equal(21610, failed.ErrorCode);
        Assert.Contains("replied STOP", failed.Error, StringComparison.Ordinal);
        Assert.True((await host.ProfileAsync(contact)).OptedOut);
        Assert.Equal(OutboundState.Refused, later.State);
        Assert.Contains("opted out", later.Error, StringComparison.Ordinal);
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task MessagesAlreadyWaiting_WhenTwilioAnswers21610_AreNotSentEither()
    {
        using var host = new OutboundHost(new Dictionary<string, string?> { ["Outbound:Concurrency"] = "1" });
        host.Answer(400, OutboundHost.Error(21610, 400));
        var contact = await host.ContactAsync(Number);

        var messages = new List<OutboundMessage>();
        for (var i = 0; i < 4; i++)
        {
            messages.Add(await host.Sender.EnqueueAsync(contact, $"Message {i}", "test"));
        }

        var settled = new List<OutboundMessage>();
        foreach (var message in messages)
        {
            settled.Add(await host.WaitUntilSettledAsync(message.Id));
        }

        Assert.Single(host.Requests);
        Assert.Single(settled, m => m.ErrorCode == 21610);
        Assert.Equal(3, settled.Count(m => m.State == OutboundState.Refused && m.Error!.Contains("opted out", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Twilio21211_FailsTheMessage_WithAClearErrorAndNoNumber()
    {
        using var host = new OutboundHost();
        host.Answer(400, OutboundHost.Error(21211, 400));

        var queued = await host.Sender.EnqueueAsync(await host.ContactAsync(Number), Text, "test");
        var failed = await host.WaitUntilSettledAsync(queued.Id);
        await Task.Delay(300);

        Assert.Equal(OutboundState.Failed, failed.State);
        Assert.Equal(21211, failed.ErrorCode);
        Assert.Equal("Twilio says the recipient's number is not a valid phone number (error 21211, HTTP 400). See https://www.twilio.com/docs/errors/21211", failed.Error);
        Assert.Single(host.Requests);
        Assert.False((await host.ProfileAsync(failed.ContactId)).OptedOut);
    }

    [Theory]
    [InlineData("+12025550143", "TH,KH,LA,VN,MM", "US")]
    [InlineData("+85512345678", "TH", "KH")]
    [InlineData("+80012345678", "TH,KH,LA,VN,MM", "a number of no known country")]
    public async Task NumberOfACountryNotAllowed_IsRefused_AndNothingIsSent(string number, string allowed, string named)
    {
        using var host = new OutboundHost(new Dictionary<string, string?> { ["Outbound:AllowedCountries"] = allowed });
        host.Answer(201, OutboundHost.Created());

        var message = await host.Sender.EnqueueAsync(await host.ContactAsync(number), Text, "test");
        await Task.Delay(300);

        Assert.Equal(OutboundState.Refused, message.State);
        Assert.Contains($"Outbound SMS to {named} is not allowed", message.Error, StringComparison.Ordinal);
        Assert.Empty(host.Requests);
        Assert.Equal(OutboundState.Refused, (await host.Outbox.LoadAsync(message.Id))!.Message.State);
    }

    [Theory]
    [InlineData(false, false, "has not agreed to be texted")]
    [InlineData(true, true, "opted out")]
    public async Task ContactsWhoMayNotBeTexted_AreRefused(bool mayText, bool optedOut, string reason)
    {
        using var host = new OutboundHost();
        host.Answer(201, OutboundHost.Created());

        var message = await host.Sender.EnqueueAsync(await host.ContactAsync(Number, mayText, optedOut), Text, "test");
        await Task.Delay(200);

        Assert.Equal(OutboundState.Refused, message.State);
        Assert.Contains(reason, message.Error, StringComparison.Ordinal);
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task UnknownContactsAndTooLongTexts_AreRefused_AndBadPurposesAreAProgrammingError()
    {
        using var host = new OutboundHost();
        var contact = await host.ContactAsync(Number);

        Assert.Contains("never heard from this contact", (await host.Sender.EnqueueAsync("no-such-contact", Text, "test")).Error, StringComparison.Ordinal);
        Assert.Contains("Twilio takes at most 1600", (await host.Sender.EnqueueAsync(contact, new string('x', 1601), "test")).Error, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Sender.EnqueueAsync(contact, Text, "Report Follow-up!"));
        await Task.Delay(200);
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task PastTheCapForOneContact_IsRefused_AndRaisesAnAlert()
    {
        var alerts = new ConcurrentQueue<string>();
        using var listener = ListenForAlerts(alerts);
        using var host = new OutboundHost(new Dictionary<string, string?> { ["Outbound:MaxPerContactPerDay"] = "2" });
        host.Answer(201, OutboundHost.Created());
        var contact = await host.ContactAsync(Number);
        var other = await host.ContactAsync("+66812340002");

        var messages = new List<OutboundMessage>();
        for (var i = 0; i < 3; i++)
        {
            messages.Add(await host.Sender.EnqueueAsync(contact, $"Message {i}", "test"));
        }

        var fromOther = await host.Sender.EnqueueAsync(other, "Another person's message", "test");
        foreach (var message in messages.Take(2).Append(fromOther))
        {
            Assert.Equal(OutboundState.Sent, (await host.WaitUntilSettledAsync(message.Id)).State);
        }

        var refused = messages[2];
        Assert.Equal(OutboundState.Refused, refused.State);
        Assert.Equal("This contact has been sent 2 messages today, the most Outbound__MaxPerContactPerDay allows: refused, and operators were alerted.", refused.Error);
        Assert.Contains(host.Factory.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("ALERT outbound cap reached: the contact cap of 2", StringComparison.Ordinal) && l.Contains(refused.Id, StringComparison.Ordinal));
        Assert.Contains("cap:contact", alerts);
        await Task.Delay(200);
        Assert.Equal(3, host.Requests.Count);
        Assert.DoesNotContain(host.Requests, r => OutboundHost.Form(r)["Body"] == "Message 2");
    }

    [Fact]
    public async Task PastTheDailyCap_IsRefused_AndRaisesAnAlert()
    {
        var alerts = new ConcurrentQueue<string>();
        using var listener = ListenForAlerts(alerts);
        using var host = new OutboundHost(new Dictionary<string, string?> { ["Outbound:MaxPerDay"] = "2" });
        host.Answer(201, OutboundHost.Created());

        var messages = new List<OutboundMessage>();
        for (var i = 0; i < 3; i++)
        {
            messages.Add(await host.Sender.EnqueueAsync(await host.ContactAsync($"+6681234010{i}"), $"Message {i}", "test"));
        }

        await host.WaitUntilSettledAsync(messages[0].Id);
        await host.WaitUntilSettledAsync(messages[1].Id);
        await Task.Delay(200);

        Assert.Equal(OutboundState.Refused, messages[2].State);
        Assert.StartsWith("The gateway has sent 2 messages today, the most Outbound__MaxPerDay allows", messages[2].Error, StringComparison.Ordinal);
        Assert.Contains(host.Factory.Logs, l => l.Contains("ALERT outbound cap reached: the daily cap of 2", StringComparison.Ordinal));
        Assert.Contains("cap:daily", alerts);
        Assert.Equal(2, host.Requests.Count);
    }

    [Fact]
    public async Task AMessageWhoseLeaseRanOutWithoutASid_IsSentAgain_AsAPossibleDuplicate()
    {
        using var host = new OutboundHost();
        host.Answer(201, OutboundHost.Created());
        var contact = await host.ContactAsync(Number);
        var key = host.Factory.Services.GetRequiredService<DataKey>();
        var now = DateTimeOffset.UtcNow;

        // As a process that died while sending would have left it.
        var orphan = new OutboundMessage
        {
            Id = OutboundMessage.NewId(),
            ContactId = contact,
            Purpose = "test",
            SealedBody = key.Seal(Text),
            State = OutboundState.Sending,
            Attempts = 1,
            LeaseToken = "the-dead-process",
            LeaseUntil = now.AddSeconds(-1),
            CreatedAt = now.AddMinutes(-3),
            UpdatedAt = now.AddMinutes(-3),
        };
        await host.Outbox.TryAddAsync(orphan);
        var sent = await host.WaitUntilSettledAsync(orphan.Id);

        Assert.Equal(OutboundState.Sent, sent.State);
        Assert.True(sent.PossibleDuplicate);
        Assert.Equal(2, sent.Attempts);
        Assert.Single(host.Requests);
        Assert.Contains(host.Factory.Logs, l => l.Contains("lease of an earlier attempt ran out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMessageWhoseAttemptsNeverFinish_FailsAfterMaxAttempts_InsteadOfLoopingForever()
    {
        using var host = new OutboundHost(new Dictionary<string, string?> { ["Outbound:MaxAttempts"] = "3" });
        host.Answer(201, OutboundHost.Created());
        var now = DateTimeOffset.UtcNow;
        var stuck = new OutboundMessage
        {
            Id = OutboundMessage.NewId(),
            ContactId = await host.ContactAsync(Number),
            Purpose = "test",
            SealedBody = host.Factory.Services.GetRequiredService<DataKey>().Seal(Text),
            State = OutboundState.Sending,
            Attempts = 3,
            LeaseToken = "a-process-that-keeps-dying",
            LeaseUntil = now.AddSeconds(-1),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await host.Outbox.TryAddAsync(stuck);

        var failed = await host.WaitUntilSettledAsync(stuck.Id);

        Assert.Equal(OutboundState.Failed, failed.State);
        Assert.True(failed.PossibleDuplicate);
        Assert.Contains("the last attempt never finished", failed.Error, StringComparison.Ordinal);
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task ATextSealedWithAnotherKey_FailsWithAClearError_AndNothingIsSent()
    {
        using var host = new OutboundHost();
        host.Answer(201, OutboundHost.Created());
        var now = DateTimeOffset.UtcNow;
        var message = new OutboundMessage
        {
            Id = OutboundMessage.NewId(),
            ContactId = await host.ContactAsync(Number),
            Purpose = "test",
            SealedBody = DataKey.Generate().Seal(Text),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await host.Outbox.TryAddAsync(message);

        var failed = await host.WaitUntilSettledAsync(message.Id);

        Assert.Equal(OutboundState.Failed, failed.State);
        Assert.Contains("cannot be opened with this Gateway__DataKey", failed.Error, StringComparison.Ordinal);
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task AMessageWithASid_IsNeverSentAgain_WhateverItsLeaseSays()
    {
        using var host = new OutboundHost();
        host.Answer(201, OutboundHost.Created());
        var now = DateTimeOffset.UtcNow;
        var message = new OutboundMessage
        {
            Id = OutboundMessage.NewId(),
            ContactId = await host.ContactAsync(Number),
            Purpose = "test",
            SealedBody = "x",
            State = OutboundState.Sending,
            ProviderSid = OutboundHost.NewSid(),
            LeaseUntil = now.AddSeconds(-1),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await host.Outbox.TryAddAsync(message);

        Assert.False(await host.Sender.SendAsync(message.Id));
        await Task.Delay(200);
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task NumbersAndTexts_NeverReachLogsOrMetrics_WhileSending()
    {
        var measurements = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument);
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue($"{instrument.Name}={value} {string.Join(',', tags.ToArray().Select(t => $"{t.Key}:{t.Value}"))}"));
        listener.Start();
        using var host = new OutboundHost(new Dictionary<string, string?> { ["Outbound:MaxPerContactPerDay"] = "3" });
        host.AnswerInTurn((500, "oops"), (201, OutboundHost.Created()), (400, OutboundHost.Error(21211, 400)));
        var contact = await host.ContactAsync(Number);

        for (var i = 0; i < 4; i++)
        {
            var message = await host.Sender.EnqueueAsync(contact, Text, "test");
            await host.WaitUntilSettledAsync(message.Id);
        }

        Assert.Contains(measurements, m => m.StartsWith("gateway.outbound.sent", StringComparison.Ordinal));
        Assert.Contains(host.Factory.Logs, l => l.Contains("taken by Twilio", StringComparison.Ordinal));
        foreach (var secret in new[] { "812340001", "7KQ2M4X", "talk to someone" })
        {
            Assert.DoesNotContain(host.Factory.Logs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(measurements, m => m.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static MeterListener ListenForAlerts(ConcurrentQueue<string> alerts)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "gateway.outbound.cap_reached")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                alerts.Enqueue($"{tag.Key}:{tag.Value}");
            }
        });
        listener.Start();
        return listener;
    }
}
