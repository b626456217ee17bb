using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Localization;

public class DiscreetWordsFacts
{
    [Theory]
    [InlineData("SOS received (K7M2QXH).", "SOS")]
    [InlineData("a trap traffickers use", "traffick")]
    [InlineData("Call the Anti-trafficking hotline", "traffick")]
    [InlineData("ได้รับ SOS แล้ว", "SOS")]
    [InlineData("สิ่งที่ผู้ค้ามนุษย์อาจพูด", "ค้ามนุษย์")]
    [InlineData("Kẻ Buôn người có thể nói gì", "buôn người")]
    public void Find_NamesTheWord_WhereAWordStarts_OrAnywhereInAScriptWithoutSpaces(string text, string expected)
    {
        Assert.Equal(expected, DiscreetWords.Find(text, ["traffick", "SOS", "hotline", "ค้ามนุษย์", "buôn người"]));
    }

    [Theory]
    [InlineData("Call {hotline_danger} now.")]
    [InlineData("Ask an NGO before you go.")]
    [InlineData("Kosovo, tsosi")]
    public void Find_IsNull_ForNeutralWords_AndAPlaceholdersName(string text)
    {
        Assert.Null(DiscreetWords.Find(text, ["traffick", "SOS", "hotline"]));
    }
}
