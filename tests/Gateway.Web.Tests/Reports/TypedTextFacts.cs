using System.Text.Json;
using Gateway.Tests.Support;
using Gateway.Web.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Reports;

/// <summary>
/// Burmese free text reaches the hotline as the person typed it: a place typed by SMS is stored, shown and sent in
/// the webhook word for word, and where it may be Zawgyi the webhook and the report view add the converted reading
/// and the detector's score beside it.
/// </summary>
public sealed class TypedTextFacts
{
    private const string WebhookOnly = """
        defaults: { acknowledge_within: 10m, repeat: 0, repeat_after: 1m }
        policies:
          - id: test-th
            countries: [TH]
            categories: [trafficking, labour, child_at_risk, other]
            levels:
              - name: hotline_1300
                targets: [ { contact: th-1300, by: webhook, webhook: th-1300 } ]
        """;

    public static TheoryData<string, string?, string> Places => new()
    {
        // "Company" in Unicode: its stacked consonant (U+1039) reads as a Zawgyi asat, so alone it scores 0.65.
        { "ကုမ္ပဏီ", "ကုမ်ပဏီ", "may be Zawgyi" },
        // The same word in a longer Unicode place scores 0.00: no second reading.
        { "ကုမ္ပဏီ ဝင်ပေါက်", null, string.Empty },
        // Kinzi and medials, plainly Unicode (0.00).
        { "အင်္ဂလိပ် ကျောင်း မြဝတီ", null, string.Empty },
        // "Market" typed in Zawgyi, short and uncertain (0.21).
        { "ေစ်း", "ဈေး", "may be Zawgyi" },
        // Mawlamyine fishing port typed in Zawgyi, sure (1.00): converted, and still sent as typed beside it.
        { "ေမာ္လၿမိဳင္ ငါးဖမ္းဆိပ္ကမ္း", "မော်လမြိုင် ငါးဖမ်းဆိပ်ကမ်း", "Zawgyi" },
    };

    [Theory]
    [MemberData(nameof(Places))]
    public async Task PlaceTypedBySms_ReachesTheWebhookAndTheReportAsTyped_WithAnyZawgyiReadingBeside(string place, string? converted, string mark)
    {
        using var redis = new PrivateRedis(durable: false);
        using var host = new EscalationHost(database: 0, policy: WebhookOnly, redisEndpoint: redis.Endpoint);
        const string phone = "+66812340611";
        await host.TextAsync(phone, "hello");
        await host.TextAsync(phone, "2");     // Burmese
        await host.TextAsync(phone, "5");     // report a problem
        await host.TextAsync(phone, "2");     // work
        await host.TextAsync(phone, "1");     // who will be told: send it
        await host.TextAsync(phone, "2");     // under 18: no
        await host.TextAsync(phone, place);
        await host.TextAsync(phone, "1");     // for myself
        await host.TextAsync(phone, "2");     // no text back
        var reference = EscalationHost.ReferenceIn(await host.TextAsync(phone, "2"));
        Assert.NotNull(reference);

        var hook = Assert.Single(await host.WaitForPagesAsync(1, TimeSpan.FromSeconds(20)));
        Assert.Equal("webhook", hook.Kind);
        using var json = JsonDocument.Parse(hook.Request.Body!);
        var payload = json.RootElement;
        Assert.Equal(reference, payload.GetProperty("reference").GetString());
        Assert.Equal(place, payload.GetProperty("place").GetString());
        Assert.Equal(converted, payload.GetProperty("place_converted").GetString());
        var score = payload.GetProperty("place_zawgyi_score").GetDouble();
        Assert.True(mark switch { "Zawgyi" => score >= 0.95, "may be Zawgyi" => score is > 0.05 and < 0.95, _ => score <= 0.05 }, $"score {score}");

        var service = host.Factory.Services.GetRequiredService<ReportService>();
        var report = (await host.Reports.FindAsync(reference!))!;
        Assert.Equal(place, service.OpenPlace(report));
        var view = ReportView.From(report, service, details: true);
        Assert.Equal(place, view.Place);
        Assert.Equal(converted, view.PlaceConverted);
        Assert.Equal(
            converted is null ? place : $"{place} ({mark}; converted: {converted})",
            service.OpenPlaceReadings(report)!.Display);
    }
}
