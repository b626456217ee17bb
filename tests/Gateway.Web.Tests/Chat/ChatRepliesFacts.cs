using Gateway.Channels.BotFramework;
using Gateway.Core.Sessions;
using Gateway.Web.Chat;

namespace Gateway.Web.Tests.Chat;

public sealed class ChatRepliesFacts
{
    private static readonly Activity Inbound = new()
    {
        Type = ActivityTypes.Message,
        Id = "a-1",
        ServiceUrl = "https://connector.example/",
        ChannelId = "telegram",
        From = new ChannelAccount { Id = "u-1" },
        Recipient = new ChannelAccount { Id = "bot" },
        Conversation = new ConversationAccount { Id = "c-1" },
        Locale = "th-TH",
    };

    [Fact]
    public void Build_GivesOneActivityPerText_TheLastWithTheMenuAndSos()
    {
        var replies = ChatReplies.Build(Inbound, ["first", "second"], [new MenuItem(1, "ก่อนเดินทาง"), new MenuItem(2, "ระหว่างทาง")], "SOS");

        Assert.Equal(["first", "second"], replies.Select(r => r.Text));
        Assert.All(replies, r => Assert.Equal("a-1", r.ReplyToId));
        Assert.Null(replies[0].SuggestedActions);
        var actions = replies[1].SuggestedActions!.Actions;
        Assert.Equal(["1. ก่อนเดินทาง", "2. ระหว่างทาง", "SOS"], actions.Select(a => a.Title));
        Assert.Equal(["1", "2", "SOS"], actions.Select(a => a.Value));
        Assert.All(actions, a => Assert.Equal(CardAction.ImBack, a.Type));
    }

    [Fact]
    public void Build_UsesTheLocalizedSosLabel_ButAlwaysSendsSos()
    {
        var replies = ChatReplies.Build(Inbound, ["menu"], [new MenuItem(1, "A")], "ขอความช่วยเหลือ SOS");

        var sos = replies[0].SuggestedActions!.Actions[^1];
        Assert.Equal("ขอความช่วยเหลือ SOS", sos.Title);
        Assert.Equal("SOS", sos.Value);
    }

    [Theory]
    [InlineData("SOS")]
    [InlineData("Get help now (SOS)")]
    [InlineData("ကယ်ပါ")]
    public void Build_AddsNoSecondSos_WhenTheMenuHasOne(string label)
    {
        var replies = ChatReplies.Build(Inbound, ["menu"], [new MenuItem(1, "A"), new MenuItem(99, label)], "ကယ်ပါ");

        // The menu's SOS option is drawn as the one SOS button, which sends the keyword.
        Assert.Equal(["1", "SOS"], replies[0].SuggestedActions!.Actions.Select(a => a.Value));
        Assert.Equal("ကယ်ပါ", replies[0].SuggestedActions!.Actions[^1].Title);
    }

    [Fact]
    public void Build_OffersNoButtons_WithoutAMenu()
    {
        var replies = ChatReplies.Build(Inbound, ["Thank you."], [], "SOS");

        Assert.Null(Assert.Single(replies).SuggestedActions);
    }

    [Fact]
    public void Build_SendsNothing_WhenThereIsNothingToSay()
    {
        Assert.Empty(ChatReplies.Build(Inbound, [], [new MenuItem(1, "A")], "SOS"));
    }
}
