using System.Text;
using System.Text.Json;
using Gateway.Channels.Twilio;

namespace Gateway.Channels.Tests.Twilio;

public class TwilioSignatureFacts
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static KeyValuePair<string, string>[] Form(string x) =>
    [
        new("CallSid", "CA1234567890ABCDE"), new("Caller", x), new("Digits", "1234"), new("From", x), new("To", "+18005551212"),
    ];

    [Theory]
    [InlineData("+14158675309", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("+12349013030", "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")]
    public void Compute_MatchesThePublishedVector(string caller, string signature)
    {
        Assert.Equal(signature, TwilioSignature.Compute(Url, Form(caller), Token));
        Assert.True(TwilioSignature.IsValid(Url, Form(caller), Token, signature));
    }

    [Fact]
    public void IsValid_AcceptsTheUrlWithDefaultPort_WhenSignedWithoutIt() =>
        Assert.True(TwilioSignature.IsValid("https://mycompany.com:443/myapp.php?foo=1&bar=2", Form("+14158675309"), Token, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));

    [Fact]
    public void IsValid_AcceptsHttpWithPort80_AsPublished() =>
        Assert.True(TwilioSignature.IsValid("http://mycompany.com:80/myapp.php?foo=1&bar=2", Form("+14158675309"), Token, "0ZXoZLH/DfblKGATFgpif+LLRf4="));

    [Fact]
    public void Compute_KeepsTheHostAsWritten() =>
        Assert.Equal("g9IN/x4Cft2g517EjYvEvM/W7LU=", TwilioSignature.Compute("https://MyCompany.com/myapp.php?foo=1&bar=2", Form("+14158675309"), Token));

    [Fact]
    public void Compute_SortsRepeatedNamesAndDropsRepeatedValues()
    {
        KeyValuePair<string, string>[] form = [new("Sid", "CA123"), new("SidAccount", "AC123"), new("Digits", "5678"), new("Digits", "1234"), new("Digits", "1234")];
        Assert.Equal("IK+Dwps556ElfBT0I3Rgjkr1wJU=", TwilioSignature.Compute(Url, form, Token));
    }

    [Fact]
    public void IsValidJson_ChecksTheBodyHash()
    {
        var body = Encoding.UTF8.GetBytes("{\"property\": \"value\", \"boolean\": true}");
        const string hash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
        var url = $"{Url}&bodySHA256={hash}";
        Assert.True(TwilioSignature.IsValidJson(url, body, Token, "a9nBmqA0ju/hNViExpshrM61xv4="));
        Assert.False(TwilioSignature.IsValidJson(url, Encoding.UTF8.GetBytes("{\"property\": \"other\"}"), Token, "a9nBmqA0ju/hNViExpshrM61xv4="));
    }

    [Fact]
    public void IsValid_AgreesWithEveryReferenceVector_AndRefusesTamperedOnes()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var line in File.ReadLines(SharedData.PathOf("data/vectors/twilio-signatures.jsonl")))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var url = root.GetProperty("url").GetString()!;
            var token = root.GetProperty("token").GetString()!;
            var signature = root.GetProperty("signature").GetString()!;
            var form = root.GetProperty("params").EnumerateArray()
                .Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!)).ToList();
            count++;
            if (!TwilioSignature.IsValid(url, form, token, signature))
            {
                failures.Add($"rejected: {line}");
            }

            var tampered = form.Count > 0
                ? [.. form.Take(form.Count - 1), new(form[^1].Key, form[^1].Value + "x")]
                : new List<KeyValuePair<string, string>> { new("Body", "x") };
            if (TwilioSignature.IsValid(url, tampered, token, signature) || TwilioSignature.IsValid(url, form, token + "x", signature))
            {
                failures.Add($"accepted when tampered: {line}");
            }
        }

        Assert.Equal(200, count);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-signature")]
    public void IsValid_RefusesAMissingOrWrongSignature(string? signature) =>
        Assert.False(TwilioSignature.IsValid(Url, Form("+14158675309"), Token, signature));
}
