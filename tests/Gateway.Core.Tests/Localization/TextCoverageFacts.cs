using Gateway.Core.Cases;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Localization;
using Gateway.Core.Tests.Flows;

namespace Gateway.Core.Tests.Localization;

public class TextCoverageFacts
{
    [Fact]
    public void Compute_CountsOwnDraftReviewedAndFallback_PerLanguage()
    {
        var result = FlowValidatorFacts.Load("missing-translation");
        var coverage = TextCoverage.Compute(result.Bundle!);

        var english = coverage[0];
        var khmer = Assert.Single(coverage, c => c.Language == "km");
        Assert.Equal("en", english.Language);
        Assert.Equal(english.Needed, english.Own);
        Assert.Equal((english.Needed - 1, 1, 0), (khmer.Own, khmer.Fallback, khmer.Reviewed));
        Assert.Equal(khmer.Own, khmer.Draft);
        Assert.Equal("km → en", khmer.ChainText);
    }

    [Fact]
    public void Compute_CountsTheReportTextsAPersonReads_ButNotTheAnswersToResponders()
    {
        // Khmer lacks report.taken and its four menu texts: below 90% of its texts, so the missing report text is a
        // warning (text.required makes it an error from 90%) and the bundle loads.
        var plain = FlowValidatorFacts.Load("base").Bundle!;
        var khmerFile = FlowValidatorFacts.BaseWithout("localization/km.yaml", ReportTexts.Taken);
        var bundle = FlowValidatorFacts.Load(
            "base",
            FlowValidatorFacts.BaseWith("localization/en.yaml", "  ack.done: \"Report {ref} ({category}) is yours now.\""),
            khmerFile with { Text = string.Join('\n', khmerFile.Text.Split('\n').Where(l => !l.StartsWith("  menu.", StringComparison.Ordinal))) }).Bundle!;

        var needed = FlowValidator.NeededKeys(bundle);
        Assert.All(ReportTexts.PersonFacing, key => Assert.Contains(key, needed));
        Assert.DoesNotContain(ReportTexts.AckDone, needed);

        var coverage = TextCoverage.Compute(bundle);
        var khmer = Assert.Single(coverage, c => c.Language == "km");
        Assert.Equal(TextCoverage.Compute(plain)[0].Needed, coverage[0].Needed);
        Assert.Equal(coverage[0].Needed, coverage[0].Own);
        Assert.Equal((5, khmer.Needed - 5), (khmer.Fallback, khmer.Own));
    }

    [Fact]
    public void Compute_MeasuresTheSmsSegments_OfTheLanguagesOwnTexts()
    {
        var coverage = TextCoverage.Compute(Repository.ShippedBundle);

        foreach (var row in coverage.Where(c => c.Own > 0))
        {
            Assert.InRange(row.SmsSegmentsAverage, 1, row.SmsSegmentsMax);
            if (row.Longest is null)
            {
                Assert.Equal(1, row.SmsSegmentsMax);
                continue;
            }

            var longest = Repository.ShippedBundle.Texts.Language(row.Language)!.Texts[row.Longest];
            Assert.Equal(row.SmsSegmentsMax, SmsSegmentCalculator.Measure(longest.For(Channel.Sms)).Segments);
        }

        Assert.Contains(coverage, c => c.Longest is not null);
    }

    [Fact]
    public void Compute_CountsEnglishCountryVariants_AsNeededInEveryLanguage()
    {
        var plain = TextCoverage.Compute(FlowValidatorFacts.Load("base").Bundle!);
        var variant = TextCoverage.Compute(FlowValidatorFacts.Load("country-variant").Bundle!);
        var unknownCountry = TextCoverage.Compute(FlowValidatorFacts.Load("unknown-country-text").Bundle!);

        Assert.All(variant, c => Assert.Equal(plain[0].Needed + 1, c.Needed));
        Assert.Equal(1, Assert.Single(variant, c => c.Language == "km").Fallback);
        Assert.Equal(plain[0].Needed, unknownCountry[0].Needed);
    }
}
