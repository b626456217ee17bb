using Gateway.Core.Cases;
using Gateway.Core.Flows;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// A text that promises an action is sent only while someone can really be paged, decided when it is sent; otherwise
/// its true sentence is. The validator lists the promises the configuration makes false, and refuses a promise
/// without a true sentence to fall back on.
/// </summary>
public class PromiseTextFacts
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 3, 0, 0, TimeSpan.Zero);

    private static string GetHelp(Func<EscalationTarget, bool>? canReach, string language)
    {
        var engine = new FlowEngine(Repository.ShippedBundle, new EngineOptions { CanReach = canReach });
        var session = new Session { State = "main:menu", Language = language, Country = "TH", Revision = engine.Bundle.Revision, LastActivity = Now };
        return engine.Handle(session, "4", Channel.Sms, Now).Messages[0];
    }

    private static string Text(string key, string language) =>
        Repository.ShippedBundle.Texts.Resolve(key, language, Channel.Sms, "TH").Text;

    [Fact]
    public void GetHelpInThailand_PromisesAnNgo_OnlyWhileOneSpeakingTheLanguageCanBePaged()
    {
        var nobody = GetHelp(canReach: null, "my");
        Assert.StartsWith(Text("help.no_ngo_now", "my").Replace("{hotline_danger}", "1300", StringComparison.Ordinal), nobody, StringComparison.Ordinal);
        Assert.DoesNotContain(Text("help.intro@TH", "my"), nobody, StringComparison.Ordinal);

        var burmese = GetHelp(t => t.Id == "th-ngo-burmese/sms", "my");
        Assert.StartsWith(Text("help.intro@TH", "my"), burmese, StringComparison.Ordinal);

        // The same configuration, a Khmer reader: no Khmer-speaking NGO can be paged, so no promise.
        Assert.StartsWith(Text("help.no_ngo_now", "km").Replace("{hotline_danger}", "1300", StringComparison.Ordinal), GetHelp(t => t.Id == "th-ngo-burmese/sms", "km"), StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_ListsEveryPromiseTheConfigurationMakesFalse_AndWhy()
    {
        var findings = FlowLoader.Load(Repository.PathOf("flows"), Repository.PathOf("localization"), Repository.Today).Findings;

        var ngo = Assert.Single(findings, f => f.Rule == "text.promise_false" && f.Message.Contains("\"help.intro@TH\"", StringComparison.Ordinal));
        Assert.Equal("localization/en.yaml", ngo.Location.File);
        Assert.Contains("For TH in my: no NGO of policy \"th-trafficking\" (trafficking) that speaks the person's language can be paged: th-ngo-burmese/sms", ngo.Message, StringComparison.Ordinal);
        Assert.Contains("people get \"help.no_ngo_now\" instead", ngo.Message, StringComparison.Ordinal);

        // With every target reachable, only English readers stay without the promise: no NGO in Thailand lists English.
        var left = Assert.Single(PromiseChecks.Audit(Repository.ShippedBundle, _ => true));
        Assert.Equal(("help.intro@TH", "TH", "en"), (left.Key, left.Country, Assert.Single(left.Languages)));
        Assert.Equal("no NGO of policy \"th-trafficking\" (trafficking) speaks the person's language", left.Why);
    }

    [Fact]
    public void Loader_RefusesAPromiseWithoutATrueSentence()
    {
        var source = FlowSource.FromDirectories(Repository.PathOf("flows"), Repository.PathOf("localization"));
        var broken = new FlowSource(source.FlowFiles, source.LocalizationFiles.Select(f => f.DisplayPath.EndsWith("en.yaml", StringComparison.Ordinal)
            ? f with { Text = f.Text.Replace("    otherwise: help.no_ngo_now\n", string.Empty, StringComparison.Ordinal) }
            : f));

        var findings = FlowLoader.Load(broken, Repository.Today).Findings;

        Assert.Contains(findings, f => f.IsError && f.Rule == "text.promise" && f.Message.Contains("\"help.intro@TH\" needs both", StringComparison.Ordinal));
    }
}
