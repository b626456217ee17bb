using CsCheck;
using Gateway.Channels.Twilio;

namespace Gateway.Channels.Tests.Twilio;

/// <summary>
/// Generated Twilio webhooks (random forms, and valid ones with fields changed, dropped or added) through the form
/// readers and the signature check: a refusal with a reason, never an exception; a valid form reads back as sent.
/// </summary>
public sealed class TwilioFuzzFacts
{
    private static readonly string[] Names = ["MessageSid", "SmsSid", "CallSid", "AccountSid", "From", "To", "Body", "Digits", "CallStatus", "Direction", "MessageStatus", "SmsStatus", "ErrorCode", "NumMedia"];

    private static readonly Gen<string> Value = Gen.OneOf(
        Fuzzing.Texts(40),
        Gen.OneOf("SM" + new string('a', 32), "MM" + new string('0', 32), "CA" + new string('f', 32), "+66812345678", "", " ", "queued", "delivered", "failed", "30007", "-1", "99999999999", "1*#", "0"));

    private static readonly Gen<Dictionary<string, string>> Forms =
        Gen.Select(Gen.OneOf(Gen.Int[0, Names.Length - 1].Select(i => Names[i]), Fuzzing.Texts(12)), Value).Array[0, 12]
            .Select(pairs => pairs.GroupBy(p => p.Item1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Item2, StringComparer.Ordinal));

    [Fact]
    public void FormReaders_RefuseWithAReason_AndNeverThrow()
    {
        Fuzzing.Check(Forms, form =>
        {
            if (TwilioSmsRequest.TryParse(form, out var sms, out var problem))
            {
                Assert.Null(problem);
                Assert.Equal(34, sms!.MessageSid.Length);
                Assert.False(string.IsNullOrWhiteSpace(sms.From));
                Assert.Equal(form["Body"], sms.Body);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(problem));
            }

            if (TwilioVoiceRequest.TryParse(form, out var voice, out problem))
            {
                Assert.StartsWith("CA", voice!.CallSid, StringComparison.Ordinal);
                Assert.True(voice.Digits is null || voice.Digits.All(c => char.IsAsciiDigit(c) || c is '*' or '#'));
                // The caller's number never reaches a log line through the record's text.
                Assert.True(voice.From.Length < 6 || !voice.ToString().Contains(voice.From, StringComparison.Ordinal)
                    || voice.CallSid.Contains(voice.From, StringComparison.Ordinal) || (voice.CallStatus ?? string.Empty).Contains(voice.From, StringComparison.Ordinal));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(problem));
            }

            if (TwilioStatusCallback.TryParse(form, out var status, out problem))
            {
                Assert.True(Gateway.Core.Outbound.DeliveryStatus.IsKnown(status!.Status));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(problem));
            }
        }, iterations: 20_000, print: Fuzzing.Show);
    }

    [Fact]
    public void ValidForms_ReadBackAsSent()
    {
        var gen = Gen.Select(Gen.Char['0', '9'].Array[32, 32], Fuzzing.Texts(30).Where(t => !string.IsNullOrWhiteSpace(t)), Fuzzing.Texts(160), Gen.Char["0123456789*#"].Array[0, 32]);
        Fuzzing.Check(gen, t =>
        {
            var (id, from, body, keys) = (new string(t.Item1), t.Item2, t.Item3, new string(t.Item4));
            var sms = new Dictionary<string, string> { ["MessageSid"] = "SM" + id, ["From"] = from, ["Body"] = body, ["To"] = "+15005550006" };
            Assert.True(TwilioSmsRequest.TryParse(sms, out var parsed, out var problem), problem);
            Assert.Equal(("SM" + id, from, body), (parsed!.MessageSid, parsed.From, parsed.Body));

            var call = new Dictionary<string, string> { ["CallSid"] = "CA" + id, ["From"] = from, ["Digits"] = keys };
            Assert.True(TwilioVoiceRequest.TryParse(call, out var voice, out problem), problem);
            Assert.Equal(keys.Length == 0 ? null : keys, voice!.Digits);
        }, iterations: 5_000);
    }

    [Fact]
    public void Signature_MatchesOnlyTheSignedRequest_AndNeverThrows()
    {
        var gen = Gen.Select(Fuzzing.Texts(60), Forms, Fuzzing.Texts(20).Where(t => t.Length > 0), Fuzzing.Texts(40));
        Fuzzing.Check(gen, t =>
        {
            var (path, form, token, forged) = t;
            var url = "https://gw.example.org/sms/twilio" + path;
            var signature = TwilioSignature.Compute(url, form, token);
            Assert.True(TwilioSignature.IsValid(url, form, token, signature));
            Assert.False(TwilioSignature.IsValid(url + "x", form, token, signature));
            Assert.False(TwilioSignature.IsValid(url, form.Append(new("Extra", "1")), token, signature));
            Assert.False(TwilioSignature.IsValid(url, form, token, forged == signature ? forged + "x" : forged));
            _ = TwilioSignature.IsValidJson(url, System.Text.Encoding.UTF8.GetBytes(forged), token, forged);
        }, iterations: 5_000);
    }
}
