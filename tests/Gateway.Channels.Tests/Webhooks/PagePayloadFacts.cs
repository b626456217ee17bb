using System.Text.Json;
using Gateway.Channels.Webhooks;
using Gateway.Core.Cases;

namespace Gateway.Channels.Tests.Webhooks;

public class PagePayloadFacts
{
    private static readonly Uri AckUrl = new("https://gateway.example.org/a/AQAAAABpVm8A-test");

    private static Report Report(string? under18 = "yes") => new()
    {
        Reference = "K7M2QXH",
        ContactId = "Zk3x9QwErTy-contact",
        Category = "labour",
        UnderEighteen = under18,
        EncryptedPlace = "c2VhbGVkIHBsYWNl",
        ForSomeoneElse = true,
        MayText = true,
        MayCall = false,
        Urgent = true,
        Language = "my",
        Channel = "sms",
        Country = "TH",
        OpenedAt = new DateTimeOffset(2026, 1, 5, 10, 12, 9, TimeSpan.FromHours(7)),
    };

    [Fact]
    public void ToJson_SaysTheReportGoesOnlyToNgos_WhenThePersonChoseSo()
    {
        using var limited = JsonDocument.Parse(PagePayload.For(Report() with { Recipients = RecipientKinds.NgoOnly }, null, "ngo", AckUrl).ToJson());
        using var policy = JsonDocument.Parse(PagePayload.For(Report(), null, "ngo", AckUrl).ToJson());

        Assert.Equal("ngo_only", limited.RootElement.GetProperty("recipients").GetString());
        Assert.Equal(JsonValueKind.Null, policy.RootElement.GetProperty("recipients").ValueKind);
    }

    [Fact]
    public void ToJson_WritesExactlyTheAgreedFields_InSnakeCase()
    {
        var json = PagePayload.For(Report(), "မဲဆောက်, fish factory", "ngo", AckUrl, possibleDuplicate: true).ToJson();

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(
            ["type", "reference", "category", "urgent", "language", "country", "under18", "place", "place_converted", "place_zawgyi_score", "consents", "for_someone_else", "level", "opened_at", "possible_duplicate", "recipients", "acknowledge_url"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["may_text", "may_call"], root.GetProperty("consents").EnumerateObject().Select(p => p.Name));
        Assert.Equal("report.page", root.GetProperty("type").GetString());
        Assert.Equal("K7M2QXH", root.GetProperty("reference").GetString());
        Assert.Equal("labour", root.GetProperty("category").GetString());
        Assert.True(root.GetProperty("urgent").GetBoolean());
        Assert.Equal("my", root.GetProperty("language").GetString());
        Assert.Equal("TH", root.GetProperty("country").GetString());
        Assert.True(root.GetProperty("under18").GetBoolean());
        Assert.Equal("မဲဆောက်, fish factory", root.GetProperty("place").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("place_converted").ValueKind);
        Assert.Equal(0.0, root.GetProperty("place_zawgyi_score").GetDouble());
        Assert.True(root.GetProperty("consents").GetProperty("may_text").GetBoolean());
        Assert.False(root.GetProperty("consents").GetProperty("may_call").GetBoolean());
        Assert.True(root.GetProperty("for_someone_else").GetBoolean());
        Assert.Equal("ngo", root.GetProperty("level").GetString());
        Assert.Equal("2026-01-05T03:12:09+00:00", root.GetProperty("opened_at").GetString());
        Assert.True(root.GetProperty("possible_duplicate").GetBoolean());
        Assert.Equal(AckUrl.AbsoluteUri, root.GetProperty("acknowledge_url").GetString());
    }

    [Fact]
    public void ToJson_CarriesNothingThatIdentifiesThePerson_ButThePlaceTheyTyped()
    {
        var json = PagePayload.For(Report(), "Mae Sot", "ngo", AckUrl).ToJson();
        Assert.DoesNotContain("Zk3x9QwErTy", json, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VhbGVkIHBsYWNl", json, StringComparison.Ordinal);
        Assert.DoesNotContain("sms", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes", "true")]
    [InlineData("no", "false")]
    [InlineData(null, "null")]
    [InlineData("unknown", "null")]
    public void Under18_IsTrueFalseOrNull(string? answer, string json)
    {
        using var document = JsonDocument.Parse(PagePayload.For(Report(answer), null, "ngo", AckUrl).ToJson());
        Assert.Equal(json, document.RootElement.GetProperty("under18").GetRawText());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Place_IsNull_WhenThePersonGaveNone(string? place)
    {
        using var document = JsonDocument.Parse(PagePayload.For(Report(), place, "ngo", AckUrl).ToJson());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("place").ValueKind);
    }

    [Fact]
    public void Place_IsSentAsTyped_WithItsZawgyiReadingAndScore_WhenItMayBeZawgyi()
    {
        // ကုမ္ပဏီ ("company") in Unicode scores 0.65: sent as typed, its Zawgyi reading beside it.
        using var document = JsonDocument.Parse(PagePayload.For(Report(), "ကုမ္ပဏီ", "ngo", AckUrl).ToJson());
        var root = document.RootElement;

        Assert.Equal("ကုမ္ပဏီ", root.GetProperty("place").GetString());
        Assert.Equal("ကုမ်ပဏီ", root.GetProperty("place_converted").GetString());
        Assert.InRange(root.GetProperty("place_zawgyi_score").GetDouble(), 0.6, 0.7);
    }

    [Theory]
    [InlineData("Mae Sot")]
    [InlineData(null)]
    public void PlaceZawgyiScore_IsNull_WithoutBurmese(string? place)
    {
        using var document = JsonDocument.Parse(PagePayload.For(Report(), place, "ngo", AckUrl).ToJson());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("place_zawgyi_score").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("place_converted").ValueKind);
    }

    [Fact]
    public void Printing_ThePayload_LeavesOutThePlace() =>
        Assert.DoesNotContain("Mae Sot", PagePayload.For(Report(), "Mae Sot", "ngo", AckUrl).ToString(), StringComparison.Ordinal);
}
