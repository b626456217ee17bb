using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;

namespace Gateway.Web.Tests.Messaging;

/// <summary>A recognisable fake number and message body go through a whole journey; neither may reach logs or metrics.</summary>
public class PrivacyFacts
{
    private const string Number = "+66815550199";
    private const string NationalDigits = "815550199";
    private const string Place = "Mahachai-pier-7731";

    [Fact]
    public async Task NumbersAndBodies_NeverReachLogsOrMetrics()
    {
        var measurements = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument);
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue($"{instrument.Meter.Name}/{instrument.Name}={value} {string.Join(',', tags.ToArray().Select(t => $"{t.Key}:{t.Value}"))}"));
        listener.Start();

        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        foreach (var text in new[] { "hello", "1", "5", "1", "1", Place, "2", "1", "1", "1", "SOS", "STOP" })
        {
            using var response = await client.SendAsync(GatewayFactory.SignedSms(Number, text));
            response.EnsureSuccessStatusCode();
        }

        using var simulated = await client.PostAsJsonAsync("/simulator/messages", new { phone = "sim-" + NationalDigits, text = Place });

        listener.RecordObservableInstruments();
        Assert.Contains(measurements, m => m.StartsWith("Gateway/gateway.messages.received", StringComparison.Ordinal));
        Assert.Contains(factory.Logs, l => l.Contains("Turn for contact", StringComparison.Ordinal));
        foreach (var secret in new[] { NationalDigits, Place, "SOS" })
        {
            Assert.DoesNotContain(factory.Logs, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(measurements, m => m.Contains(secret, StringComparison.Ordinal));
        }
    }
}
