using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Gateway.Core.Cases;
using Gateway.Core.Text;
using Gateway.Web.Messaging;
using Gateway.Web.Reports;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gateway.Web.Tests.Messaging;

/// <summary>
/// What people type (a report's place, answers, a reply to a responder, a check-in's last message, a responder's note
/// and reply) is sealed wherever it is kept: a journey types markers in Latin, Burmese and Zawgyi into a gateway on a
/// redis-server of its own with an append-only file fsynced on every write, then every Redis value of every type, the
/// append-only file and the journal are searched for each marker as typed, JSON-escaped and converted between Zawgyi
/// and Unicode.
/// </summary>
public sealed class SealedAtRestFacts
{
    private const string Latin = "Qx7-Mahachai-pier-7731";

    // "Mahachai port" and "fishing boat camp" in Burmese; the second is typed in the Zawgyi encoding.
    private const string Burmese = "မဟာချိုင်ဆိပ်ကမ်းဘေး";
    private const string BurmeseForZawgyi = "ငါးဖမ်းလှေစခန်းအနောက်";

    [Fact]
    public async Task FreeTextInLatinBurmeseAndZawgyi_IsFoundNowhereInRedisItsAofOrTheJournal()
    {
        Assert.True(IcuTransliterator.IsAvailable(out var reason), "ICU is needed to type Zawgyi: " + reason);
        var zawgyi = IcuTransliterator.ToZawgyi(BurmeseForZawgyi);
        Assert.NotEqual(BurmeseForZawgyi, zawgyi);

        using var redis = new PrivateRedis();
        var journal = Directory.CreateTempSubdirectory("gateway-journal-").FullName;
        try
        {
            using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:Redis"] = redis.Endpoint,
                ["Gateway:DataKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
                ["Gateway:JournalPath"] = journal,
            });
            using var client = factory.CreateClient();
            async Task<IReadOnlyList<string>> Text(string phone, string body)
            {
                using var request = GatewayFactory.SignedSms(phone, body);
                using var response = await client.SendAsync(request);
                response.EnsureSuccessStatusCode();
                return [.. XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("Message").Select(m => m.Value)];
            }

            // English: a report with a Latin place, agreeing to be texted; a responder notes and replies; the person answers.
            const string english = "+66815550301";
            IReadOnlyList<string> last = [];
            foreach (var body in new[] { "hello", "1", "5", "1", "1", "1", "Place " + Latin, "2", "1", "1", "1" })
            {
                last = await Text(english, body);
            }

            var reference = Reports.EscalationHost.ReferenceIn(last);
            Assert.NotNull(reference);
            var responder = new Actor("Responder One", "org-test", "console");
            Assert.Equal(ReportActionOutcome.Done, (await factory.Services.GetRequiredService<ReportService>().AddNoteAsync(reference!, responder, "Note " + Latin, CancellationToken.None)).Outcome);
            Assert.Equal(ReplyOutcome.Sent, (await factory.Services.GetRequiredService<ReportConversation>().ReplyAsync(reference!, responder, "Reply " + Latin + " " + Burmese, CancellationToken.None)).Outcome);
            await Text(english, "Answer " + Latin);
            var report = await factory.Services.GetRequiredService<IReportStore>().FindAsync(reference!);
            Assert.Contains(report!.Timeline, t => t.Kind == ReportConversation.AnswerKind);

            // A check-in whose last message is kept for the buddies.
            await Text(english, "GO 30");
            await Text(english, "Last words " + Latin + " " + Burmese);

            // Burmese and Zawgyi: the place typed, the report not finished (the session holds it).
            const string burmese = "+66815550302";
            foreach (var body in new[] { "hello", "2", "5", "1", "1", "1", Burmese })
            {
                await Text(burmese, body);
            }

            const string zawgyiPhone = "+66815550303";
            foreach (var body in new[] { "hello", "3", "5", "1", "1", "1", zawgyi })
            {
                await Text(zawgyiPhone, body);
            }

            // The journal kept while Redis is down, read at once (a replay empties it).
            factory.Services.GetRequiredService<InboundJournal>().Append(new InboundMessage("sms", burmese, "Journaled " + Latin + " " + zawgyi, GatewayFactory.NewSid()), DateTimeOffset.UtcNow);
            var journaled = string.Concat(Directory.EnumerateFiles(journal).Select(File.ReadAllText));
            Assert.NotEmpty(journaled);

            // The two sessions hold the place as typed (Zawgyi stays Zawgyi), and the gateway reads it back.
            var store = factory.Services.GetRequiredService<Gateway.Core.Sessions.IContactStore>();
            var key = factory.Services.GetRequiredService<Gateway.Infrastructure.Security.DataKey>();
            Assert.Equal(Burmese, (await store.LoadAsync(key.ContactId(burmese))).Session!.Variables["place"]);
            Assert.Equal(zawgyi, (await store.LoadAsync(key.ContactId(zawgyiPhone))).Session!.Variables["place"]);

            var forms = Forms(Latin, Burmese, zawgyi, BurmeseForZawgyi, IcuTransliterator.ToUnicode(zawgyi), IcuTransliterator.ToZawgyi(Burmese));
            var values = await EveryValueAsync(redis);
            Assert.True(values.Count > 20, $"only {values.Count} Redis values were read");
            var aof = AofText(redis);
            Assert.True(aof.Length > 1000, "the append-only file is empty");
            foreach (var form in forms)
            {
                Assert.DoesNotContain(values, v => v.Contains(form, StringComparison.Ordinal));
                Assert.False(aof.Contains(form, StringComparison.Ordinal), $"The append-only file holds {Escape(form)}.");
                Assert.False(journaled.Contains(form, StringComparison.Ordinal), $"The journal holds {Escape(form)}.");
            }
        }
        finally
        {
            Directory.Delete(journal, recursive: true);
        }
    }

    /// <summary>Each marker as typed, JSON-escaped (\uXXXX in either case) and, for Burmese, in its other encoding.</summary>
    private static List<string> Forms(params string[] markers)
    {
        var forms = new List<string>();
        foreach (var marker in markers)
        {
            forms.Add(marker);
            foreach (var hex in new[] { "X4", "x4" })
            {
                var escaped = new StringBuilder();
                foreach (var c in marker)
                {
                    escaped.Append(c < 128 ? c.ToString() : "\\u" + ((int)c).ToString(hex, CultureInfo.InvariantCulture));
                }

                forms.Add(escaped.ToString());
            }
        }

        return [.. forms.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Every key's name and values, whatever its type: strings, hashes, lists, sets, sorted sets, streams.</summary>
    private static async Task<List<string>> EveryValueAsync(PrivateRedis redis)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint + ",allowAdmin=true");
        var server = connection.GetServers()[0];
        var db = connection.GetDatabase();
        var values = new List<string>();
        await foreach (var key in server.KeysAsync(pageSize: 500))
        {
            values.Add(key!);
            switch (await db.KeyTypeAsync(key))
            {
                case RedisType.String:
                    values.Add((string?)await db.StringGetAsync(key) ?? string.Empty);
                    break;
                case RedisType.Hash:
                    values.AddRange((await db.HashGetAllAsync(key)).SelectMany(e => new[] { (string)e.Name!, (string?)e.Value ?? string.Empty }));
                    break;
                case RedisType.List:
                    values.AddRange((await db.ListRangeAsync(key)).Select(v => (string?)v ?? string.Empty));
                    break;
                case RedisType.Set:
                    values.AddRange((await db.SetMembersAsync(key)).Select(v => (string?)v ?? string.Empty));
                    break;
                case RedisType.SortedSet:
                    values.AddRange((await db.SortedSetRangeByRankAsync(key)).Select(v => (string?)v ?? string.Empty));
                    break;
                case RedisType.Stream:
                    values.AddRange((await db.StreamRangeAsync(key)).SelectMany(e => e.Values).SelectMany(v => new[] { (string?)v.Name ?? string.Empty, (string?)v.Value ?? string.Empty }));
                    break;
            }
        }

        return values;
    }

    /// <summary>Every file of the append-only file's folder (Redis 7 keeps a base and increments), read as UTF-8.</summary>
    private static string AofText(PrivateRedis redis)
    {
        using var connection = ConnectionMultiplexer.Connect(redis.Endpoint + ",allowAdmin=true");
        var server = connection.GetServers()[0];
        var dir = server.ConfigGet("dir").Single().Value;
        var folder = Path.Combine(dir, server.ConfigGet("appenddirname").Single().Value);
        return string.Concat(Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal).Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
    }

    private static string Escape(string form) => string.Concat(form.Select(c => c < 128 ? c.ToString() : $"\\u{(int)c:X4}"));
}
