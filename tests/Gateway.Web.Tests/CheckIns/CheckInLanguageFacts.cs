using System.Text.RegularExpressions;

namespace Gateway.Web.Tests.CheckIns;

/// <summary>
/// A check-in in the child's language from end to end, through the signed SMS webhook with WireMock as Twilio: the
/// start, the reminder, the buddy's invitation and alert, and SAFE. A buddy who never used the gateway reads the
/// child's language; a buddy who chose their own reads theirs.
/// </summary>
public sealed partial class CheckInLanguageFacts
{
    [Fact]
    public async Task KhmerChild_GetsEveryCheckInTextInKhmer_AndEachBuddyInTheirOwnLanguageOrTheChilds()
    {
        const string child = "+85512345610";
        const string friend = "+85512345620";   // never wrote to the gateway: reads Khmer, the child's language
        const string aunt = "+66815550230";     // chose Thai when she used the gateway herself
        const string lastWords = "ខ្ញុំទៅលក់នៅចុងឆ្នេរ";
        using var host = new CheckInHost(minute: TimeSpan.FromMinutes(1));
        Assert.NotEmpty(await host.TextAsync(aunt, "เมนู"));

        // BUDDY in Khmer, as the child's first message: answered in Khmer, and the friend is invited in Khmer.
        Assert.Contains("យើងបានសុំទូរស័ព្ទលេខដែលបញ្ចប់ដោយ 5620 ឱ្យធ្វើជាមិត្តសុវត្ថិភាពរបស់អ្នក។ យើងនឹងប្រាប់អ្នក ពេលគេយល់ព្រម។", await host.TextAsync(child, "មិត្ត +855 12 345 620"));
        var invitation = (await host.WaitForSmsAsync(friend, _ => true, TimeSpan.FromSeconds(10)))?.Body;
        Assert.StartsWith("ចំណាកស្រុកសុវត្ថិភាព៖ ទូរស័ព្ទលេខដែលបញ្ចប់ដោយ 5610 សុំឱ្យអ្នកធ្វើជាមិត្តសុវត្ថិភាព", invitation, StringComparison.Ordinal);
        Assert.Equal(["អរគុណ។ ឥឡូវអ្នកជាមិត្តសុវត្ថិភាពរបស់ទូរស័ព្ទលេខដែលបញ្ចប់ដោយ 5610។"], await host.TextAsync(friend, "1"));
        Assert.NotNull(await host.WaitForSmsAsync(child, b => b.StartsWith("ឥឡូវទូរស័ព្ទលេខដែលបញ្ចប់ដោយ 5620 ជាមិត្តសុវត្ថិភាពរបស់អ្នកហើយ។", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));

        // BUDDY in English letters works for a Khmer child too; the aunt is invited in Thai, and agrees in Thai.
        Assert.StartsWith("យើងបានសុំទូរស័ព្ទលេខដែលបញ្ចប់ដោយ 0230", Assert.Single(await host.TextAsync(child, "BUDDY +66 81 555 0230")), StringComparison.Ordinal);
        var thai = (await host.WaitForSmsAsync(aunt, b => b.Contains("5610", StringComparison.Ordinal), TimeSpan.FromSeconds(10)))?.Body;
        Assert.StartsWith("ย้ายถิ่นปลอดภัย: โทรศัพท์เบอร์ที่ลงท้ายด้วย 5610 ขอให้คุณเป็นเพื่อนคู่หู", thai, StringComparison.Ordinal);
        Assert.Equal(["ขอบคุณ ตอนนี้คุณเป็นเพื่อนคู่หูของโทรศัพท์เบอร์ที่ลงท้ายด้วย 5610 แล้ว"], await host.TextAsync(aunt, "1"));

        // GO in Khmer, the reminder, the alerts; then SAFE in Khmer.
        await host.TextAsync(child, lastWords);
        Assert.StartsWith("បានចាប់ផ្តើមកំណត់ពេល 30 នាទី។", Assert.Single(await host.TextAsync(child, "ទៅ 30")), StringComparison.Ordinal);
        var id = host.ContactId(child);
        var token = (await host.Store.FindAsync(id))!.Timer!.Token;
        await host.Jobs.RemindAsync(id, token);
        Assert.NotNull(await host.WaitForSmsAsync(child, b => b.StartsWith("នៅសល់", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        await host.Jobs.ExpireAsync(id, token);

        // Cambodia has no confirmed danger line yet: the alert says "your local emergency number" in the buddy's language.
        var alert = (await host.WaitForSmsAsync(friend, b => b.Contains(lastWords, StringComparison.Ordinal), TimeSpan.FromSeconds(10)))?.Body;
        Assert.Equal(
            $"ចំណាកស្រុកសុវត្ថិភាព៖ ទូរស័ព្ទលេខដែលបញ្ចប់ដោយ 5610 បានកំណត់ពេល 30 នាទី ហើយមិនទាន់ឆ្លើយថាមានសុវត្ថិភាពទេ។ សារចុងក្រោយ៖ \"{lastWords}\"។ "
            + "ប្រាប់មនុស្សធំដែលអ្នកទុកចិត្តឥឡូវនេះ ឬទូរស័ព្ទទៅ លេខសង្គ្រោះបន្ទាន់ក្នុងតំបន់របស់អ្នក។",
            alert);
        var thaiAlert = (await host.WaitForSmsAsync(aunt, b => b.Contains(lastWords, StringComparison.Ordinal), TimeSpan.FromSeconds(10)))?.Body;
        Assert.StartsWith("ย้ายถิ่นปลอดภัย: โทรศัพท์เบอร์ที่ลงท้ายด้วย 5610 ตั้งเวลาไว้ 30 นาที", thaiAlert, StringComparison.Ordinal);
        Assert.EndsWith("บอกผู้ใหญ่ที่คุณไว้ใจเดี๋ยวนี้ หรือโทร หมายเลขฉุกเฉินในพื้นที่ของคุณ", thaiAlert, StringComparison.Ordinal);

        Assert.Equal(["សូមស្វាគមន៍ការត្រឡប់មកវិញ។ បានបញ្ឈប់ការកំណត់ពេល។"], await host.TextAsync(child, "សុវត្ថិភាព"));
        Assert.NotNull(await host.WaitForSmsAsync(friend, b => b == "ចំណាកស្រុកសុវត្ថិភាព៖ ទូរស័ព្ទលេខដែលបញ្ចប់ដោយ 5610 ឥឡូវបានឆ្លើយថាមានសុវត្ថិភាពហើយ។", TimeSpan.FromSeconds(10)));
        Assert.NotNull(await host.WaitForSmsAsync(aunt, b => b == "ย้ายถิ่นปลอดภัย: โทรศัพท์เบอร์ที่ลงท้ายด้วย 5610 ตอบแล้วว่าปลอดภัย", TimeSpan.FromSeconds(10)));

        // Khmer from end to end: not one English word reached the child or the Khmer friend.
        var khmer = host.SentTo(child).Concat(host.SentTo(friend)).ToList();
        Assert.Equal(6, khmer.Count);   // to the child: two buddies confirmed, the reminder; to the friend: invitation, alert, now safe
        Assert.All(khmer, body => Assert.DoesNotMatch(LatinLetter(), body));
    }

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex LatinLetter();
}
