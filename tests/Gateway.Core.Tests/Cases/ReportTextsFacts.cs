using Gateway.Core.Cases;
using Gateway.Core.Contacts;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Cases;

public class ReportTextsFacts
{
    public static TheoryData<string> Languages()
    {
        var data = new TheoryData<string>();
        foreach (var language in Repository.ShippedBundle.Texts.Languages.Select(l => l.Code).Order(StringComparer.Ordinal))
        {
            data.Add(language);
        }

        return data;
    }

    /// <summary>
    /// What a person reads about their report may reach a shared phone: it is kept to two SMS in every language,
    /// with the reference and the longest hotline (the words said where no number is confirmed) filled in.
    /// </summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void PersonFacingTexts_FitTwoSms_WithTheReferenceAndEveryCountrysHotline(string language)
    {
        var bundle = Repository.ShippedBundle;
        var reference = new string('W', ReportReference.Length);
        foreach (var key in ReportTexts.PersonFacing)
        {
            foreach (var country in CountryCodes.Known.Append(null))
            {
                var session = new Session { Language = language, Country = country };
                var text = SpokenText.Say(bundle, key, session, Channel.Sms, borrowed: null).Replace("{" + Placeholders.Reference + "}", reference, StringComparison.Ordinal);

                Assert.DoesNotContain("{", text, StringComparison.Ordinal);
                var segments = SmsSegmentCalculator.Measure(text).Segments;
                Assert.True(segments <= 2, $"{language} {key} for {country ?? "no country"} takes {segments} SMS: {text}");
            }
        }
    }

    [Fact]
    public void PersonFacingTexts_AreInTheirOwnLanguage_WhereAFileHasThem()
    {
        var bundle = Repository.ShippedBundle;
        foreach (var language in new[] { "my", "th", "km", "lo", "vi" })
        {
            foreach (var key in ReportTexts.PersonFacing)
            {
                var resolved = bundle.Texts.Resolve(key, language, Channel.Sms);
                Assert.Equal((language, false), (resolved.Language, resolved.IsFallback));
                Assert.Equal(
                    Placeholders.Names(bundle.Texts.Resolve(key, TextCatalog.DefaultLanguage, Channel.Sms).Text).Order(StringComparer.Ordinal),
                    Placeholders.Names(resolved.Text).Order(StringComparer.Ordinal));
            }
        }
    }
}
