using Gateway.Core.Accounts;
using Gateway.Core.Content;
using Gateway.Core.Flows;
using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Content;

public class ApprovalGateFacts
{
    private static TextEntry Entry(string text, string? fact = null, IReadOnlyDictionary<string, string>? variants = null) =>
        new() { Key = "help.x", Text = text, Fact = fact, Variants = variants ?? new Dictionary<string, string>(), Location = SourceLocation.None };

    private static GateDecision Decide(string before, string after, TextPurpose? purpose = TextPurpose.Advice) =>
        ApprovalGate.ForText(purpose, Entry(before), new TextChange("en", "help.x", after));

    [Theory]
    [InlineData("Call 1300 now.", "1300")]
    [InlineData("Call 1\u200B3\u200C0\u200D0 now.", "1300")]
    [InlineData("Call 1.3.0.0 or 1 300", "1300,1300")]
    [InlineData("Call \uFF11\uFF13\uFF10\uFF10", "1300")]
    [InlineData("Call \U0001D7CF\U0001D7D1\U0001D7CE\U0001D7CE", "1300")]
    [InlineData("โทร ๑๓๐๐ หรือ ၁၁၉၁", "1300,1191")]
    [InlineData("Call 1\u00AD3\u2060(0)\u20110", "1300")]
    [InlineData("Call \u2460\u2462\u24EA\u24EA", "1300")]
    [InlineData("Reply 1 to agree, GO 30 for more", "1,30")]
    [InlineData("No number here.", "")]
    public void Numbers_ReadsDigitsOfEveryScript_ThroughInvisibleCharactersAndSeparators(string wording, string expected)
    {
        Assert.Equal(expected, string.Join(",", ApprovalGate.Numbers(wording)));
    }

    [Fact]
    public void ForText_ServesAtOnce_WhenOnlyWordsChange_AsBefore()
    {
        Assert.False(Decide("Call 1300 now.", "Please call 1300.").NeedsSecondPerson);
        Assert.False(Decide("โทร 1300", "โทร ๑๓๐๐").NeedsSecondPerson);
        Assert.False(Decide("Call 1 300", "Call 1300").NeedsSecondPerson);
        Assert.False(Decide("Stay in a group.", "Stay with friends.").NeedsSecondPerson);
    }

    [Fact]
    public void ForText_NamesTheNumbers_WhenANumberChanges()
    {
        Assert.Equal("its numbers change (1300 becomes 1330)", Decide("Call 1300 now.", "Call 1330 now.").Reason);
    }

    [Theory]
    [InlineData("Call 1\u200B1\u200B9\u200B1 now.")]
    [InlineData("Call 1.1.9.1 now.")]
    [InlineData("Call ๑๑๙๑ now.")]
    [InlineData("Call \uFF11\uFF11\uFF19\uFF11 now.")]
    [InlineData("Call 13\u00AD00 or 5 now.")]
    [InlineData("Call the police now.")]
    public void ForText_HoldsANumberChange_HoweverItIsWritten(string after)
    {
        Assert.True(Decide("Call 1300 now.", after).NeedsSecondPerson);
    }

    [Fact]
    public void ForText_HoldsANumberAdded_OnOneChannelOnly()
    {
        var change = new TextChange("en", "help.x", "Call us", new Dictionary<string, string?> { ["ussd"] = "Call 1\u200B506" });
        var decision = ApprovalGate.ForText(TextPurpose.Advice, Entry("Call us"), change);
        Assert.Equal("its numbers change (no number becomes 1506 on ussd)", decision.Reason);
    }

    [Theory]
    [InlineData("In danger? Call the police.")]
    [InlineData("In danger? Call {hotline_labour}.")]
    [InlineData("In danger? Call {hotline} or {hotline}.")]
    [InlineData("In danger? Call {hot\u200Bline}.")]
    [InlineData("In danger? Call a friend. {hotline}")]
    [InlineData("In danger? Phone {hotline}.")]
    public void ForText_HoldsAHotlinePlaceholder_Removed_Replaced_Added_OrMoved(string after)
    {
        var decision = Decide("In danger? Call {hotline}.", after);
        Assert.True(decision.NeedsSecondPerson);
        Assert.Contains("placeholder", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ForText_HoldsSwappedPlaceholders_AndAPlaceholderMovedToAVariant()
    {
        Assert.True(Decide("Work: {hotline_labour}; forced: {hotline_trafficking}.", "Work: {hotline_trafficking}; forced: {hotline_labour}.").NeedsSecondPerson);
        var change = new TextChange("en", "help.x", "Stay safe.", new Dictionary<string, string?> { ["sms"] = "Stay safe. Call {hotline}." });
        Assert.True(ApprovalGate.ForText(TextPurpose.Advice, Entry("Stay safe. Call {hotline}."), change).NeedsSecondPerson);
    }

    [Fact]
    public void ForText_ServesAtOnce_AWordingChangeAwayFromThePlaceholdersClause()
    {
        Assert.DoesNotContain("placeholder", Decide("The figures are old. Call {hotline_labour} for today's wage.", "These figures are from 2008. Call {hotline_labour} for today's wage.").Reason, StringComparison.Ordinal);
        Assert.False(Decide("The figures are old. Call {hotline_labour} for today's wage.", "The figures may be old. Call {hotline_labour} for today's wage.").NeedsSecondPerson);
    }

    [Theory]
    [InlineData(TextPurpose.Danger)]
    [InlineData(TextPurpose.Sos)]
    [InlineData(TextPurpose.Report)]
    [InlineData(TextPurpose.Consent)]
    [InlineData(TextPurpose.Hotline)]
    public void ForText_HoldsEveryChange_ToAGuardedText(TextPurpose purpose)
    {
        var decision = Decide("Reply SOS.", "Reply SOS now.", purpose);
        Assert.Equal($"the text's purpose is {purpose.Name()}, and every change to such a text is checked", decision.Reason);
    }

    [Theory]
    [InlineData(TextPurpose.Child)]
    [InlineData(TextPurpose.Checkin)]
    [InlineData(TextPurpose.Advice)]
    [InlineData(TextPurpose.Menu)]
    [InlineData(TextPurpose.System)]
    public void ForText_ServesAtOnce_AWordingChangeToAnUnguardedText(TextPurpose purpose)
    {
        Assert.False(Decide("Stay in a group.", "Stay with your friends.", purpose).NeedsSecondPerson);
    }

    [Fact]
    public void ForText_HoldsEveryChange_ToATextWithoutAPurpose_AndANewText()
    {
        Assert.Contains("no purpose", Decide("Stay in a group.", "Stay together.", purpose: null).Reason, StringComparison.Ordinal);
        Assert.True(ApprovalGate.ForText(TextPurpose.Advice, null, new TextChange("en", "help.x", "Call 1506")).NeedsSecondPerson);
        Assert.False(ApprovalGate.ForText(TextPurpose.Menu, null, new TextChange("en", "help.x", "Back")).NeedsSecondPerson);
    }

    [Fact]
    public void ForText_StillHolds_ATextWhoseFactIsAHotline()
    {
        Assert.Contains("hotline", ApprovalGate.ForText(TextPurpose.Advice, Entry("Call {hotline}.", "hotline"), new TextChange("en", "help.x", "Call {hotline}!")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ForDirectoryNumber_AlwaysHolds()
    {
        Assert.True(ApprovalGate.ForDirectoryNumber("th-1300", "number").NeedsSecondPerson);
    }

    [Fact]
    public void ForRecording_Holds_AGuardedTextOrOneThatSaysANumber_NotAMenuTitle()
    {
        Assert.True(ApprovalGate.ForRecording(TextPurpose.Sos, Entry("Reply SOS.")).NeedsSecondPerson);
        Assert.True(ApprovalGate.ForRecording(TextPurpose.System, Entry("If you need help, call {hotline}.")).NeedsSecondPerson);
        Assert.True(ApprovalGate.ForRecording(TextPurpose.Advice, Entry("Call ๑๓๐๐.")).NeedsSecondPerson);
        Assert.False(ApprovalGate.ForRecording(TextPurpose.Menu, Entry("Back to menu")).NeedsSecondPerson);
    }

    private static PendingChange Change(string proposedBy = "acc_author", string language = "my") => new()
    {
        Id = PendingChange.NewId(),
        Kind = PendingKind.Text,
        Text = new TextChange(language, "sos.received", "x"),
        Reason = "test",
        ProposedBy = proposedBy,
        ProposedByName = "Author",
        ProposedAt = DateTimeOffset.UnixEpoch,
        Revision = "r1",
    };

    [Fact]
    public void WhyNotApprover_RefusesTheAuthor()
    {
        Assert.Contains("someone other than Author", ApprovalGate.WhyNotApprover(Change(), new Approver("acc_author", "Author", Role.Admin, [])), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Responder)]
    public void WhyNotApprover_RefusesAnyoneButAnEditorOrAdmin(Role role)
    {
        Assert.Contains("Only an editor or an admin", ApprovalGate.WhyNotApprover(Change(), new Approver("acc_other", "Other", role, [])), StringComparison.Ordinal);
    }

    [Fact]
    public void WhyNotApprover_RefusesAnAccountTheAuthorMade_DirectlyOrThroughAnother()
    {
        Assert.Contains("was made by Author", ApprovalGate.WhyNotApprover(Change(), new Approver("acc_second", "Second", Role.Editor, ["acc_author"])), StringComparison.Ordinal);
        Assert.NotNull(ApprovalGate.WhyNotApprover(Change(), new Approver("acc_third", "Third", Role.Admin, ["acc_second", "acc_author"])));
    }

    [Fact]
    public void WhyNotApprover_RefusesAReviewerWhoDoesNotReadTheLanguage_AndAcceptsOneWhoDoes()
    {
        Assert.Contains("reviews th only", ApprovalGate.WhyNotApprover(Change(language: "my"), new Approver("acc_r", "Reviewer", Role.Editor, [], ["th"])), StringComparison.Ordinal);
        Assert.Null(ApprovalGate.WhyNotApprover(Change(language: "my"), new Approver("acc_r", "Reviewer", Role.Editor, [], ["th", "my"])));
    }

    [Fact]
    public void WhyNotApprover_RefusesTheAdminWhoMadeTheAuthorsAccount_DirectlyOrThroughAnother()
    {
        var admin = new Approver("acc_admin", "Admin", Role.Admin, []);
        Assert.Contains("made the account of Author", ApprovalGate.WhyNotApprover(Change(), admin, ["acc_admin"]), StringComparison.Ordinal);
        Assert.NotNull(ApprovalGate.WhyNotApprover(Change(), admin, ["acc_team_lead", "acc_admin"]));
    }

    [Fact]
    public void WhyNotApprover_Accepts_AnotherEditor_AndAPeerMadeByTheSameAdmin()
    {
        Assert.Null(ApprovalGate.WhyNotApprover(Change(), new Approver("acc_other", "Other", Role.Editor, []), []));
        Assert.Null(ApprovalGate.WhyNotApprover(Change(), new Approver("acc_peer", "Peer", Role.Editor, ["acc_admin"]), ["acc_admin"]));
    }
}
