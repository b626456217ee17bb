using System.Text;
using Gateway.Channels.Webhooks;

namespace Gateway.Channels.Tests.Webhooks;

/// <summary>
/// Signatures against vectors computed outside .NET, once, with OpenSSL:
/// <c>printf '%s' '{timestamp}.{delivery}.{body}' | openssl dgst -sha256 -hmac '{secret}' -r</c> (UTF-8 terminal).
/// </summary>
public class WebhookSignerFacts
{
    private const long Timestamp = 1767225600; // 2026-01-01T00:00:00Z
    private const string Delivery = "dl-0001";
    private const string Body = """{"type":"report.page","reference":"K7M2QXH"}""";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    // printf '%s' '1767225600.dl-0001.{"type":"report.page","reference":"K7M2QXH"}' | openssl dgst -sha256 -hmac 'whsec_test_1' -r
    private const string Vector1 = "375d57dbffb79c9c46f76ac492146ca64303007e4d1751eacef24c0b5643270a";

    // printf '%s' '1767225600.dl-0001.{"type":"report.page","reference":"K7M2QXH"}' | openssl dgst -sha256 -hmac 'whsec_test_2' -r
    private const string Vector2 = "2b49171e3d309c497364a7c2b5caa71a079400dbc9cd83dfa7ab5db4d7e5c0d8";

    [Fact]
    public void Compute_MatchesOpenSsl()
    {
        Assert.Equal(Vector1, WebhookSigner.Compute("whsec_test_1", Timestamp, Delivery, Body));
        Assert.Equal(Vector2, WebhookSigner.Compute("whsec_test_2", Timestamp, Delivery, Body));
    }

    [Fact]
    public void Compute_KeysAndSignsUtf8_ForNonLatinSecretsDeliveryIdsAndBodies()
    {
        // printf '%s' '1767225601.dl-ဆ-2.{"place":"မဲဆောက်"}' | openssl dgst -sha256 -hmac 'ความลับ-key' -r
        Assert.Equal(
            "a6cab172b0e8f76ef5135930c81d6983dfd310079105bef124951a708b86195a",
            WebhookSigner.Compute("ความลับ-key", 1767225601, "dl-ဆ-2", """{"place":"မဲဆောက်"}"""));
    }

    [Fact]
    public void Compute_SignsAnEmptyBody()
    {
        // printf '%s' '1767225600.dl-0003.' | openssl dgst -sha256 -hmac 'whsec_test_1' -r
        Assert.Equal("1f7d1ab3602415ba008e068188576bbe008fe730691ca829828f6e2ec1d0a1d6", WebhookSigner.Compute("whsec_test_1", Timestamp, "dl-0003", string.Empty));
    }

    [Fact]
    public void Headers_CarryTheTimestampTheDeliveryAndOneV1PerSecret()
    {
        var headers = WebhookSigner.Headers(["whsec_test_1", "whsec_test_2"], Delivery, Encoding.UTF8.GetBytes(Body), SignedAt.AddMilliseconds(900))
            .ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal("1767225600", headers["X-Gateway-Timestamp"]);
        Assert.Equal(Delivery, headers["X-Gateway-Delivery"]);
        Assert.Equal($"v1={Vector1},v1={Vector2}", headers["X-Gateway-Signature"]);
    }

    [Fact]
    public void Headers_RefuseATargetWithoutSecrets() =>
        Assert.Throws<ArgumentException>(() => WebhookSigner.Headers([], Delivery, Encoding.UTF8.GetBytes(Body), SignedAt));

    [Theory]
    [InlineData("v1=" + Vector1)]
    [InlineData("v1=" + Vector2 + ",v1=" + Vector1)]
    [InlineData(" v1=" + Vector1 + " , v0=abc")]
    public void Verify_Accepts_AnyV1ValueUnderTheReceiversSecret(string header) =>
        Assert.True(WebhookSigner.Verify("1767225600", Delivery, header, Body, ["whsec_test_1"], SignedAt));

    [Fact]
    public void Verify_DuringRotation_AcceptsEitherSecretTheReceiverHolds()
    {
        Assert.True(WebhookSigner.Verify("1767225600", Delivery, "v1=" + Vector2, Body, ["whsec_test_1", "whsec_test_2"], SignedAt));
        Assert.True(WebhookSigner.Verify("1767225600", Delivery, $"v1={Vector1},v1={Vector2}", Body, ["whsec_test_2"], SignedAt));
        Assert.False(WebhookSigner.Verify("1767225600", Delivery, "v1=" + Vector2, Body, ["whsec_test_1", "whsec_retired"], SignedAt));
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(301, false)]
    [InlineData(-301, false)]
    [InlineData(3600, false)]
    public void Verify_HoldsTheTimestampToTheWindow_EitherWay(int receivedSecondsLater, bool accepted) =>
        Assert.Equal(accepted, WebhookSigner.Verify("1767225600", Delivery, "v1=" + Vector1, Body, ["whsec_test_1"], SignedAt.AddSeconds(receivedSecondsLater)));

    [Fact]
    public void Verify_TakesTheReceiversOwnWindow()
    {
        Assert.False(WebhookSigner.Verify("1767225600", Delivery, "v1=" + Vector1, Body, ["whsec_test_1"], SignedAt.AddSeconds(61), TimeSpan.FromMinutes(1)));
        Assert.True(WebhookSigner.Verify("1767225600", Delivery, "v1=" + Vector1, Body, ["whsec_test_1"], SignedAt.AddMinutes(30), TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("1767225600", "dl-0001", Body + " ")]
    [InlineData("1767225600", "dl-0002", Body)]
    [InlineData("1767225601", "dl-0001", Body)]
    [InlineData("1767225600", "dl-0001", """{"type":"report.page","reference":"K7M2QXJ"}""")]
    public void Verify_Refuses_AnyChangeToTimestampDeliveryOrBody(string timestamp, string delivery, string body) =>
        Assert.False(WebhookSigner.Verify(timestamp, delivery, "v1=" + Vector1, body, ["whsec_test_1"], SignedAt));

    [Theory]
    [InlineData(null, Delivery, "v1=" + Vector1)]
    [InlineData("", Delivery, "v1=" + Vector1)]
    [InlineData("+1767225600", Delivery, "v1=" + Vector1)]
    [InlineData("1767225600.0", Delivery, "v1=" + Vector1)]
    [InlineData("99999999999999999999", Delivery, "v1=" + Vector1)]
    [InlineData("1767225600", null, "v1=" + Vector1)]
    [InlineData("1767225600", Delivery, null)]
    [InlineData("1767225600", Delivery, Vector1)]
    [InlineData("1767225600", Delivery, "v2=" + Vector1)]
    [InlineData("1767225600", Delivery, "v1=" + "375D57DBFFB79C9C46F76AC492146CA64303007E4D1751EACEF24C0B5643270A")]
    [InlineData("1767225600", Delivery, "v1=")]
    public void Verify_Refuses_MissingOrMalformedHeaders(string? timestamp, string? delivery, string? signature) =>
        Assert.False(WebhookSigner.Verify(timestamp, delivery, signature, Body, ["whsec_test_1"], SignedAt));

    [Fact]
    public void Verify_Refuses_WhenTheReceiverHasNoSecret()
    {
        Assert.False(WebhookSigner.Verify("1767225600", Delivery, "v1=" + Vector1, Body, [], SignedAt));
        Assert.False(WebhookSigner.Verify("1767225600", Delivery, "v1=" + Vector1, Body, [string.Empty], SignedAt));
    }

    [Fact]
    public void Verify_OverRawBytes_AgreesWithTheStringForm() =>
        Assert.True(WebhookSigner.Verify("1767225600", Delivery, "v1=" + Vector1, Encoding.UTF8.GetBytes(Body), ["whsec_test_1"], SignedAt));
}
