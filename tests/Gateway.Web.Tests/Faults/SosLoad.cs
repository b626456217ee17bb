using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Gateway.Web.Messaging;
using Gateway.Web.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Faults;

/// <summary>What one SOS got: a reference (acknowledged), the hotline of the degraded answer, or nothing usable.</summary>
public enum SosOutcome
{
    Acknowledged,
    Degraded,
    Unanswered,
}

/// <summary>One SOS sent by <see cref="SosLoad"/>: who sent it, when (seconds since the load began) and what came back.</summary>
public sealed record SosSent(string Phone, double SentAt, SosOutcome Outcome, string? Reference, string Answer);

/// <summary>
/// A steady stream of SOS messages to a gateway host, each from a new number and sent on its own schedule (a slow
/// answer never delays the next), as Twilio's webhook would bring them. Every answer is kept and classed.
/// </summary>
public sealed class SosLoad(HttpClient client, IServiceProvider services, int perSecond, string numberPrefix)
{
    private readonly ConcurrentBag<SosSent> _sent = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Seconds since the load was created, on the same clock as <see cref="SosSent.SentAt"/>.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    public IReadOnlyList<SosSent> Sent => [.. _sent.OrderBy(s => s.SentAt)];

    /// <summary>Sends until <paramref name="stop"/> is cancelled, then waits for every answer still due.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var degraded = DegradedReply.For(services.GetRequiredService<FlowHost>().Engine.Bundle, "SOS", "TH");
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var started = _clock.Elapsed;
        var inFlight = new List<Task>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var due = started + (interval * i);
            if (due > _clock.Elapsed)
            {
                try
                {
                    await Task.Delay(due - _clock.Elapsed, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            inFlight.Add(SendAsync(numberPrefix + i.ToString("D4", CultureInfo.InvariantCulture), degraded));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task SendAsync(string phone, string degraded)
    {
        var sentAt = Now;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var request = GatewayFactory.SignedSms(phone, "SOS");
            using var response = await client.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                _sent.Add(new SosSent(phone, sentAt, SosOutcome.Unanswered, null, $"HTTP {(int)response.StatusCode}"));
                return;
            }

            var messages = System.Xml.Linq.XDocument.Parse(body).Descendants("Message").Select(m => m.Value).ToList();
            var reference = EscalationHost.ReferenceIn(messages);
            var outcome = reference is not null ? SosOutcome.Acknowledged : messages.Contains(degraded) ? SosOutcome.Degraded : SosOutcome.Unanswered;
            _sent.Add(new SosSent(phone, sentAt, outcome, reference, string.Join(" | ", messages)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The host's own exception (TestServer hands it to the client) is an answer Twilio would not get.
            _sent.Add(new SosSent(phone, sentAt, SosOutcome.Unanswered, null, $"{e.GetType().Name}: {e.Message}"));
        }
    }
}
