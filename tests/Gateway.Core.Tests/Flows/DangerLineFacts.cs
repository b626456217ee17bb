using Gateway.Core.Flows;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// Numbers by purpose on the shipped content: a person in Thailand who reported a work problem is still given 1300,
/// the anti-trafficking line, as the number to call in danger, and 1506, the work-complaints line, only beside it.
/// </summary>
public class DangerLineFacts
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Texts that tell a person what to do in danger, the status and "taken" answers and too many tries.</summary>
    private static readonly string[] DangerTexts =
    [
        "report.received", "report.received_labour", "sos.received", "report.status_open", "report.status_closed", "report.taken",
        "system.too_many_tries", "system.rate_limited", "system.unavailable", "connect.none", "child.sos",
    ];

    private static readonly string[] Languages = ["en", "th", "km", "lo", "my", "vi"];

    [Fact]
    public void ALabourReportInThailand_EndsWith1300ForDanger_And1506OnlyAsTheLabourLine()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var session = new Session { State = "main:menu", Language = "en", Country = "TH", Revision = engine.Bundle.Revision, LastActivity = Now };
        var turn = engine.Handle(session, "5", Channel.Sms, Now);
        foreach (var answer in new[] { "2", "1", "2", "1", "2", "1", "1", "2" })
        {
            turn = engine.Handle(turn.Session, answer, Channel.Sms, Now);
        }

        Assert.Contains("report:send_labour", turn.Visited);
        var last = turn.Messages[^1];
        Assert.Contains("If you are in danger now, call 1300.", last, StringComparison.Ordinal);
        Assert.Contains("To complain about work, call 1506 (Job-seekers Protection Division).", last, StringComparison.Ordinal);
        Assert.True(last.IndexOf("1300", StringComparison.Ordinal) < last.IndexOf("1506", StringComparison.Ordinal), last);
    }

    [Theory]
    [InlineData("th")]
    [InlineData("km")]
    [InlineData("lo")]
    [InlineData("my")]
    [InlineData("vi")]
    public void ALabourReportInThailand_InATranslation_GivesTheDangerLineFirst_AndTheLabourLineOnlyForComplaints(string language)
    {
        var bundle = Repository.ShippedBundle;
        var session = new Session { Country = "TH", Language = language, LastActivity = Now, Variables = { ["category"] = "labour" } };
        var resolved = bundle.Texts.Resolve("report.received_labour", language, Channel.Sms, "TH");
        var text = Placeholders.Fill(resolved.Text, bundle, session);

        // The language's own Thailand wording, not the English one or the wording for other countries.
        Assert.Equal(language, resolved.Language);
        Assert.Contains("1300", text, StringComparison.Ordinal);
        Assert.Contains("1506", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("1300", StringComparison.Ordinal) < text.IndexOf("1506", StringComparison.Ordinal), text);
    }

    [Fact]
    public void StatusTakenAndTooManyTries_Give1300_AfterALabourReport_InEveryLanguage()
    {
        var bundle = Repository.ShippedBundle;
        var checkedTexts = 0;
        foreach (var language in Languages)
        {
            var session = new Session { Country = "TH", Language = language, LastActivity = Now, Variables = { ["category"] = "labour" } };
            foreach (var key in DangerTexts)
            {
                var resolved = bundle.Texts.Resolve(key, language, Channel.Sms, "TH");
                if (key == "report.received_labour")
                {
                    continue;
                }

                var text = Placeholders.Fill(resolved.Text, bundle, session);
                Assert.True(text.Contains("1300", StringComparison.Ordinal) && !text.Contains("1506", StringComparison.Ordinal), $"{language} {key}: {text}");
                checkedTexts++;
            }
        }

        Assert.Equal(Languages.Length * (DangerTexts.Length - 1), checkedTexts);
    }

    [Fact]
    public void TooManyTries_IsADangerText_SoTheValidatorKeepsItsDangerLine()
    {
        Assert.Equal(TextPurpose.Danger, Repository.ShippedBundle.Texts.PurposeOf(SystemTexts.TooManyTries));
    }

    [Fact]
    public void TheEngine_SaysTooManyTries_With1300_AfterALabourChoice()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var session = new Session
        {
            State = "main:menu", Language = "en", Country = "TH", Revision = engine.Bundle.Revision, LastActivity = Now,
            Variables = { ["category"] = "labour" },
        };
        var turn = engine.Handle(session, "42", Channel.Sms, Now);
        for (var i = 0; i < 6 && !turn.Messages.Any(m => m.StartsWith("Let us start again.", StringComparison.Ordinal)); i++)
        {
            turn = engine.Handle(turn.Session, "42", Channel.Sms, Now);
        }

        var said = Assert.Single(turn.Messages, m => m.StartsWith("Let us start again.", StringComparison.Ordinal));
        Assert.Contains("call 1300", said, StringComparison.Ordinal);
        Assert.DoesNotContain("1506", said, StringComparison.Ordinal);
    }
}
