using Gateway.Core.Flows;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows.Actions;

public class SendContactsActionFacts
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private static string HelpReply(FlowBundle bundle, string language, string country = "TH")
    {
        var engine = new FlowEngine(bundle, TestEngine.Options);
        var session = new Session { Language = language, Country = country, State = "main:menu", Revision = bundle.Revision, LastActivity = Now };
        return string.Join('\n', engine.Handle(session, "4", Channel.Sms, Now).Messages);
    }

    [Theory]
    [InlineData("th", "สายด่วนต่อต้านการค้ามนุษย์: 1300")]
    [InlineData("my", "လူကုန်ကူးမှု တိုက်ဖျက်ရေး ဖုန်းလိုင်း: 1300")]
    [InlineData("km", "ខ្សែទូរស័ព្ទប្រឆាំងការជួញដូរមនុស្ស: 1300")]
    [InlineData("en", "Anti-trafficking hotline: 1300")]
    public void Run_NamesEachContact_InThePersonsLanguage(string language, string line)
    {
        var reply = HelpReply(Repository.ShippedBundle, language);

        Assert.Contains(line, reply.Split('\n'));
    }

    [Fact]
    public void Run_BorrowsTheNameOfTheNextLanguageOfTheChain_WhenTheLanguageHasNone()
    {
        // Lao falls back to Thai: without a Lao name, a Lao reader is shown the Thai one, not the English.
        var bundle = WithDirectory(d => d.Replace("      lo: ສາຍດ່ວນຕ້ານການຄ້າມະນຸດ\n", string.Empty, StringComparison.Ordinal));

        var reply = HelpReply(bundle, "lo");

        Assert.Contains("สายด่วนต่อต้านการค้ามนุษย์: 1300", reply.Split('\n'));
    }

    [Fact]
    public void Run_ShowsTheHoursWithTheDayNamesOfThePersonsLanguage()
    {
        var bundle = WithDirectory(d => d.Replace("    number: \"1300\"\n    page_number: placeholder\n    categories: [trafficking, child_at_risk, other]\n    languages: [th]\n    hours: unknown",
            "    number: \"1300\"\n    page_number: placeholder\n    categories: [trafficking, child_at_risk, other]\n    languages: [th]\n    hours: \"Mon-Fri 08:30-16:30; Sat 09:00-12:00\"", StringComparison.Ordinal));

        Assert.Contains("สายด่วนต่อต้านการค้ามนุษย์: 1300 (จ.-ศ. 08:30-16:30; ส. 09:00-12:00)", HelpReply(bundle, "th").Split('\n'));
        Assert.Contains("Anti-trafficking hotline: 1300 (Mon-Fri 08:30-16:30; Sat 09:00-12:00)", HelpReply(bundle, "en").Split('\n'));
    }

    private static FlowBundle WithDirectory(Func<string, string> edit)
    {
        var shipped = FlowSource.FromDirectories(Repository.PathOf("flows"), Repository.PathOf("localization"));
        var flows = shipped.FlowFiles.Select(f => f.DisplayPath.EndsWith("directory.yaml", StringComparison.Ordinal) ? f with { Text = Changed(f.Text, edit) } : f);
        var result = FlowLoader.Load(new FlowSource(flows, shipped.LocalizationFiles), Repository.Today);
        return result.Bundle ?? throw new InvalidOperationException(string.Join('\n', result.Findings.Where(f => f.IsError)));
    }

    private static string Changed(string text, Func<string, string> edit)
    {
        var changed = edit(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.NotEqual(text, changed);
        return changed;
    }
}
