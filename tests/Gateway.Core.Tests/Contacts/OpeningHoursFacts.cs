using Gateway.Core.Contacts;

namespace Gateway.Core.Tests.Contacts;

public class OpeningHoursFacts
{
    [Theory]
    [InlineData("Mon-Fri 08:30-16:30", "2026-11-27 08:30", true)]
    [InlineData("Mon-Fri 08:30-16:30", "2026-11-27 16:29", true)]
    [InlineData("Mon-Fri 08:30-16:30", "2026-11-27 16:30", false)]
    [InlineData("Mon-Fri 08:30-16:30", "2026-11-27 08:29", false)]
    [InlineData("Mon-Fri 08:30-16:30", "2026-11-28 10:00", false)]
    [InlineData("Mon-Fri 08:30-16:30; Sat 09:00-12:00", "2026-11-28 10:00", true)]
    [InlineData("Mon-Fri 08:30-12:00, Mon-Fri 13:00-16:30", "2026-11-25 12:30", false)]
    [InlineData("Mon-Fri 08:30-12:00, Mon-Fri 13:00-16:30", "2026-11-25 13:00", true)]
    [InlineData("Daily 20:00-02:00", "2026-11-28 01:30", true)]
    [InlineData("Daily 20:00-02:00", "2026-11-28 02:00", false)]
    [InlineData("Fri 20:00-02:00", "2026-11-28 01:59", true)]
    [InlineData("Fri 20:00-02:00", "2026-11-29 01:00", false)]
    [InlineData("Fri-Mon 00:00-24:00", "2026-11-29 23:59", true)]
    [InlineData("Fri-Mon 00:00-24:00", "2026-11-25 12:00", false)]
    [InlineData("08:00-20:00", "2026-11-29 19:59", true)]
    [InlineData("sat 09:00-12:00", "2026-11-28 09:00", true)]
    [InlineData("24/7", "2026-11-28 03:00", true)]
    [InlineData("unknown", "2026-11-28 03:00", true)]
    public void IsOpenAt_FollowsTheRanges_AtLocalTime(string text, string local, bool open)
    {
        Assert.True(OpeningHours.TryParse(text, out var hours, out var problem), problem);
        Assert.Equal(open, hours.IsOpenAt(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("Mon-Fri 8.30-4.30pm", "\"8.30-4.30pm\" should be two 24-hour times, like 08:30-16:30")]
    [InlineData("weekdays 08:30-16:30", "\"weekdays\" should be a day or days, like Mon, Mon-Fri or Daily (days are Mon, Tue, Wed, Thu, Fri, Sat, Sun)")]
    [InlineData("Mon - Fri 08:30-16:30", "\"Mon - Fri 08:30-16:30\" should be days and times, like Mon-Fri 08:30-16:30")]
    [InlineData("Mon-Fri 08:30-16:30,", "\"\" should be days and times, like Mon-Fri 08:30-16:30")]
    [InlineData("Mon 24:00-02:00", "\"24:00-02:00\" should be two 24-hour times, like 08:30-16:30")]
    public void TryParse_SaysWhatIsWrong_WhenHoursCannotBeRead(string text, string expected)
    {
        Assert.False(OpeningHours.TryParse(text, out _, out var problem));
        Assert.Equal(expected, problem);
    }
}
