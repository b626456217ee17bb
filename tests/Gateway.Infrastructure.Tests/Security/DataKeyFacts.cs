using System.Security.Cryptography;
using Gateway.Infrastructure.Security;

namespace Gateway.Infrastructure.Tests.Security;

public class DataKeyFacts
{
    [Fact]
    public void ContactId_IsStablePerKey_AndDiffersBetweenKeys()
    {
        var key = DataKey.FromBase64(Convert.ToBase64String(new byte[32]));
        var other = DataKey.Generate();
        Assert.Equal(key.ContactId("+66812345678"), key.ContactId("+66812345678"));
        Assert.NotEqual(key.ContactId("+66812345678"), key.ContactId("+66812345679"));
        Assert.NotEqual(key.ContactId("+66812345678"), other.ContactId("+66812345678"));
        Assert.DoesNotContain("812345678", key.ContactId("+66812345678"), StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_IsStablePerKeyAndContext_AndNeitherAContactIdNorAPlainHash()
    {
        var key = DataKey.FromBase64(Convert.ToBase64String(new byte[32]));
        var tag = key.Tag("responder code acc_1 c1", "123456");
        Assert.Equal(tag, key.Tag("responder code acc_1 c1", "123456"));
        Assert.NotEqual(tag, key.Tag("responder code acc_1 c1", "123457"));
        Assert.NotEqual(tag, key.Tag("responder code acc_2 c1", "123456"));
        Assert.NotEqual(tag, DataKey.Generate().Tag("responder code acc_1 c1", "123456"));
        Assert.NotEqual(key.ContactId("responder code acc_1 c1\n123456"), tag);
        Assert.NotEqual(Convert.ToBase64String(SHA256.HashData("responder code acc_1 c1\n123456"u8)).TrimEnd('='), tag);
    }

    [Fact]
    public void Seal_HidesTheText_AndOpenGivesItBack()
    {
        var key = DataKey.Generate();
        var sealedText = key.Seal("+66812345678");
        Assert.DoesNotContain("812345678", sealedText, StringComparison.Ordinal);
        Assert.NotEqual(sealedText, key.Seal("+66812345678"));
        Assert.Equal("+66812345678", key.Open(sealedText));
    }

    [Fact]
    public void Open_Throws_WhenSealedWithAnotherKeyOrChanged()
    {
        var sealedText = DataKey.Generate().Seal("secret");
        Assert.ThrowsAny<CryptographicException>(() => DataKey.Generate().Open(sealedText));
        var bytes = Convert.FromBase64String(sealedText);
        bytes[^1] ^= 1;
        var key = DataKey.Generate();
        Assert.ThrowsAny<CryptographicException>(() => key.Open(Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void FromBase64_RefusesAShortOrMalformedKey_WithoutRepeatingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => DataKey.FromBase64("c2hvcnQta2V5"));
        Assert.DoesNotContain("c2hvcnQta2V5", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DataKey.FromBase64("not base64!"));
    }
}
