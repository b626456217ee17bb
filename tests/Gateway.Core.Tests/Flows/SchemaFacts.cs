using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Core.Cases;
using Gateway.Core.Contacts;
using Gateway.Core.Flows;
using Gateway.Core.Flows.Actions;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Localization;
using Json.Schema;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// The JSON Schemas in flows/ are what editors check the YAML files against while NGO staff type. These facts
/// keep them honest: the shipped files pass, common mistakes are flagged, and the schemas name exactly the
/// fields the gateway's readers accept, so the two cannot drift apart.
/// </summary>
public class SchemaFacts
{
    public static TheoryData<string> DataFiles() => [.. RepositoryFiles.DataFiles()];

    public static TheoryData<string> SchemaFiles() => [.. FlowSchemas.All];

    // ---- (a) every shipped file passes the schema it names ----

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void ShippedFile_NamesItsSchemaInTheFirstLine(string file)
    {
        var named = FlowSchemas.NamedBy(file);

        Assert.True(named is not null, $"{file} must start with \"# yaml-language-server: $schema=<schema file>\" so editors check it.");
        Assert.True(File.Exists(RepositoryFiles.PathOf(named)), $"{file} names {named}, which does not exist.");
        Assert.Equal(ExpectedSchema(file), named);
    }

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void ShippedFile_PassesItsSchema_AsAnEditorTypesIt(string file) => AssertPasses(file, ScalarTyping.Editor);

    [Theory]
    [MemberData(nameof(DataFiles))]
    public void ShippedFile_PassesItsSchema_AsTheGatewayReadsIt(string file) => AssertPasses(file, ScalarTyping.Gateway);

    [Fact]
    public void ShippedFiles_LoadWithoutErrors_SoTheSchemasAreCheckedAgainstFilesTheGatewayAccepts()
    {
        var result = FlowLoader.Load(RepositoryFiles.PathOf("flows"), RepositoryFiles.PathOf("localization"), new DateOnly(2026, 1, 1));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Findings.Where(f => f.IsError)));
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void Schema_IsValidDraft202012(string schema)
    {
        var json = FlowSchemas.Json(schema);
        var results = MetaSchemas.Draft202012.Evaluate(YamlJson.ToElement(json), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, $"{schema} is not a valid draft 2020-12 schema.");
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)json["$schema"]);
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void Schema_DescribesEveryProperty(string schema)
    {
        var missing = new List<string>();
        FindUndescribed(FlowSchemas.Json(schema), string.Empty, missing);

        Assert.True(missing.Count == 0, $"{schema}: these properties have no description for editors: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(SchemaFiles))]
    public void Schema_RejectsUnknownFields_Everywhere(string schema)
    {
        var open = new List<string>();
        FindOpenObjects(FlowSchemas.Json(schema), string.Empty, open);

        Assert.True(open.Count == 0, $"{schema}: these objects list properties but let any other name through (add \"additionalProperties\": false): {string.Join(", ", open)}");
    }

    // ---- (b) mistakes are flagged ----

    private const string FlowYaml = """
        flow: sample
        start: menu
        idle_expiry: 30m
        states:
          menu:
            say: [menu.intro]
            options:
              - key: 1
                text: menu.report
                set: { category: labour }
                go: send
              - key: 2
                text: menu.get_help
                do:
                  - send_contacts: { kind: all }
                go: menu
          send:
            do:
              - open_report: { category: "{category}", urgent: "true" }
              - start_checkin: { minutes: 30 }
              - set_language: { language: my, zawgyi: true }
              - send_contacts: { kind: hotline }
              - cancel_checkin
            say: [report.received]
            end: true
          country_once:
            if_known: { country: menu, category: send }
            do:
              - set_country: TH
            go: menu
        """;

    [Fact]
    public void FlowSchema_AcceptsTheExampleFlow()
    {
        AssertAccepted(FlowSchemas.Flow, FlowYaml);
    }

    [Theory]
    [InlineData("    end: true", "    end: true\n    gto: menu", "/states/send")]
    [InlineData("        text: menu.report", "        tetx: menu.report", "/states/menu/options/0")]
    [InlineData("category: \"{category}\"", "category: labor", "/states/send/do/0/open_report/category")]
    [InlineData("category: \"{category}\"", "catgory: labour", "/states/send/do/0/open_report")]
    [InlineData("- open_report: { category: \"{category}\", urgent: \"true\" }", "- open_report", "/states/send/do/0")]
    [InlineData("- open_report:", "- open_reprot:", "/states/send/do/0")]
    [InlineData("- cancel_checkin", "- cancel_checkin: { minutes: 5 }", "/states/send/do/4")]
    [InlineData("- send_contacts: { kind: hotline }", "- send_contacts: { kind: hotline }\n        set_language: en", "/states/send/do/3")]
    [InlineData("{ kind: all }", "{ kind: hotlines }", "/states/menu/options/1/do/0/send_contacts")]
    [InlineData("{ minutes: 30 }", "{ minutes: 2000 }", "/states/send/do/1/start_checkin")]
    [InlineData("{ language: my, zawgyi: true }", "{ language: Burmese }", "/states/send/do/2/set_language")]
    [InlineData("urgent: \"true\"", "urgent: \"yes\"", "/states/send/do/0/open_report/urgent")]
    [InlineData("      - key: 1", "      - key: 0", "/states/menu/options/0/key")]
    [InlineData("      - key: 2", "      - key: two", "/states/menu/options/1/key")]
    [InlineData("idle_expiry: 30m", "idle_expiry: 30 minutes", "/idle_expiry")]
    [InlineData("    end: true", "    end: maybe", "/states/send/end")]
    [InlineData("        go: send", "        go: report category", "/states/menu/options/0/go")]
    [InlineData("flow: sample", "flow: sample\nstates_: {}", "")]
    [InlineData("set_country: TH", "set_country: Thailand", "/states/country_once/do/0/set_country")]
    [InlineData("set_country: TH", "set_country: { country: th }", "/states/country_once/do/0/set_country/country")]
    [InlineData("set_country: TH", "set_country: { contry: TH }", "/states/country_once/do/0/set_country")]
    [InlineData("- set_country: TH", "- set_country", "/states/country_once/do/0")]
    [InlineData("{ country: menu, category: send }", "{ country: main menu }", "/states/country_once/if_known/country")]
    [InlineData("{ country: menu, category: send }", "{ }", "/states/country_once/if_known")]
    [InlineData("if_known: { country: menu, category: send }", "if_known: country", "/states/country_once/if_known")]
    public void FlowSchema_RejectsMistake(string find, string replace, string where)
    {
        AssertRejected(FlowSchemas.Flow, FlowYaml, find, replace, where);
    }

    [Theory]
    [InlineData("\nflow: sample", "\n", "")]
    [InlineData("        go: send\n", "", "/states/menu/options/0")]
    public void FlowSchema_RejectsMissingRequiredField(string find, string replace, string where)
    {
        AssertRejected(FlowSchemas.Flow, "\n" + FlowYaml, find, replace, where);
    }

    private const string KeywordsYaml = """
        start:
          first_contact: main:language
          returning: main:menu
          menu: main:menu
        keywords:
          - id: checkin
            argument: minutes
            words:
              en: [GO]
              my: [GO, သွားမယ်]
            do:
              - start_checkin
            say: [checkin.started]
          - id: stop
            kind: opt_out
            words:
              en: [STOP]
            go: main:menu
        """;

    [Fact]
    public void KeywordsSchema_AcceptsTheExampleKeywords()
    {
        AssertAccepted(FlowSchemas.Keywords, KeywordsYaml);
    }

    [Theory]
    [InlineData("kind: opt_out", "kind: optout", "/keywords/1/kind")]
    [InlineData("argument: minutes", "argument: minute", "/keywords/0/argument")]
    [InlineData("    words:\n      en: [STOP]", "    wrods:\n      en: [STOP]", "/keywords/1")]
    [InlineData("    go: main:menu", "    go: menu", "/keywords/1/go")]
    [InlineData("  menu: main:menu", "  mneu: main:menu", "/start")]
    [InlineData("  first_contact: main:language", "  first_contact: language", "/start/first_contact")]
    [InlineData("      - start_checkin", "      - start_chekin", "/keywords/0/do/0")]
    [InlineData("      my: [GO, သွားမယ်]", "      Burmese: [GO, သွားမယ်]", "/keywords/0/words")]
    [InlineData("keywords:", "keyword:", "")]
    public void KeywordsSchema_RejectsMistake(string find, string replace, string where)
    {
        AssertRejected(FlowSchemas.Keywords, KeywordsYaml, find, replace, where);
    }

    private const string DirectoryYaml = """
        contacts:
          - id: th-1300
            name: Anti-trafficking hotline 1300
            kind: hotline
            country: TH
            number: "1300"
            categories: [trafficking, child_at_risk]
            languages: [th]
            hours: 24/7
            source: "a partner, by phone"
            verified_on: 2026-01-15
          - id: kh-moi
            name: Ministry of Interior hotline
            kind: hotline
            country: KH
            number: placeholder
            placeholder: "named in the guide without its number"
          - id: la-authorised-agencies
            name: Authorised recruitment agencies (Lao PDR)
            kind: agency
            country: LA
            number: placeholder
            placeholder: "a partner must supply today's list"
        """;

    [Fact]
    public void DirectorySchema_AcceptsTheExampleDirectory()
    {
        AssertAccepted(FlowSchemas.Directory, DirectoryYaml);
    }

    [Theory]
    [InlineData("    kind: hotline\n    country: TH", "    kind: hotlnie\n    country: TH", "/contacts/0/kind")]
    [InlineData("country: TH", "country: TR", "/contacts/0/country")]
    [InlineData("country: KH", "country: Cambodia", "/contacts/1/country")]
    [InlineData("[trafficking, child_at_risk]", "[trafficking, child]", "/contacts/0/categories")]
    [InlineData("number: \"1300\"", "numbr: \"1300\"", "/contacts/0")]
    [InlineData("number: \"1300\"", "number: \"ask the office\"", "/contacts/0/number")]
    [InlineData("    placeholder: \"named in the guide without its number\"", "", "/contacts/1")]
    [InlineData("verified_on: 2026-01-15", "verified_on: 15/01/2026", "/contacts/0/verified_on")]
    [InlineData("languages: [th]", "languages: [Thai]", "/contacts/0/languages")]
    public void DirectorySchema_RejectsMistake(string find, string replace, string where)
    {
        AssertRejected(FlowSchemas.Directory, DirectoryYaml, find, replace, where);
    }

    private const string LocalizationYaml = """
        language: en
        name: English
        script: Latn
        fallback: []
        max_fact_age_days: 365
        texts:
          menu.report: "Report a problem"
          menu.intro:
            text: "Reply with a number:"
            ussd: "Menu:"
            status: draft
          help.hotlines:
            text: "Call 1506 for work problems, 1300 if you are in danger."
            sms: "1506 work, 1300 danger"
            status: reviewed
            reviewer: "Outreach lead, partner NGO"
            reviewed_on: 2026-01-10
            source: "seed 002 L1449-1454"
            verified_on: 2026-01-10
            audio: audio/en/help.hotlines.mp3
          help.intro@TH:
            text: "In Thailand you can call these numbers."
            source: "seed 002 L1449-1454"
            fact: hotline
        """;

    [Fact]
    public void LocalizationSchema_AcceptsTheExampleLanguageFile()
    {
        AssertAccepted(FlowSchemas.Localization, LocalizationYaml);
    }

    [Theory]
    [InlineData("    status: draft", "    stauts: draft", "/texts/menu.intro")]
    [InlineData("    status: draft", "    status: approved", "/texts/menu.intro/status")]
    [InlineData("    reviewer: \"Outreach lead, partner NGO\"\n", "", "/texts/help.hotlines")]
    [InlineData("    reviewed_on: 2026-01-10\n", "", "/texts/help.hotlines")]
    [InlineData("reviewed_on: 2026-01-10", "reviewed_on: last week", "/texts/help.hotlines/reviewed_on")]
    [InlineData("    ussd: \"Menu:\"", "    usd: \"Menu:\"", "/texts/menu.intro")]
    [InlineData("    text: \"Reply with a number:\"", "    txt: \"Reply with a number:\"", "/texts/menu.intro")]
    [InlineData("language: en", "langauge: en", "")]
    [InlineData("max_fact_age_days: 365", "max_fact_age_days: a year", "/max_fact_age_days")]
    [InlineData("fallback: []", "fallback: [English]", "/fallback")]
    [InlineData("help.intro@TH:", "help.intro@TR:", "/texts")]
    [InlineData("help.intro@TH:", "help.intro@th:", "/texts")]
    [InlineData("    fact: hotline", "    fcat: hotline", "/texts/help.intro@TH")]
    [InlineData("fact: hotline", "fact: \" \"", "/texts/help.intro@TH/fact")]
    public void LocalizationSchema_RejectsMistake(string find, string replace, string where)
    {
        AssertRejected(FlowSchemas.Localization, LocalizationYaml, find, replace, where);
    }

    [Theory]
    [InlineData(FlowSchemas.Flow, "flows/main.yaml")]
    [InlineData(FlowSchemas.Flow, "flows/report.yaml")]
    [InlineData(FlowSchemas.Keywords, "flows/keywords.yaml")]
    [InlineData(FlowSchemas.Directory, "flows/directory.yaml")]
    [InlineData(FlowSchemas.Localization, "localization/en.yaml")]
    public void Schema_RejectsATypoInAShippedFile(string schema, string file)
    {
        // Any object the file writes, with one name misspelt: the schema must notice wherever it is.
        var node = YamlJson.ToNode(File.ReadAllText(RepositoryFiles.PathOf(file)), ScalarTyping.Editor)!;
        var objects = new List<JsonObject>();
        FindObjectsWithFixedNames(node, objects);
        Assert.NotEmpty(objects);

        foreach (var target in objects)
        {
            var name = target.First().Key;
            var value = target[name];
            target.Remove(name);
            target.Add(name + "x", value);

            var check = FlowSchemas.Check(schema, YamlJson.ToElement(node));
            Assert.False(check.IsValid, $"{schema} accepted \"{name}x\" in {file} at {target.GetPath()}.");

            target.Remove(name + "x");
            target.Add(name, value);
        }
    }

    private const string EscalationYaml = """
        defaults: { acknowledge_within: 10m, repeat: 1, repeat_after: 15m }
        policies:
          - id: th-trafficking
            countries: [TH]
            categories: [trafficking, child_at_risk]
            source: "seed 002 L1449-1454"
            levels:
              - name: ngo_partner
                targets:
                  - { contact: th-ngo-burmese, by: sms }
                  - { organisation: partner-ngo, by: voice }
              - name: hotline_1300
                acknowledge_within: 15m
                targets:
                  - { contact: th-1300, by: webhook, webhook: th-1300 }
          - id: everywhere-else
            countries: ["*"]
            categories: "*"
            repeat: 0
            levels:
              - name: operators
                targets:
                  - { webhook: operators, by: webhook }
        """;

    [Fact]
    public void EscalationSchema_AcceptsTheExamplePolicies()
    {
        AssertAccepted(FlowSchemas.Escalation, EscalationYaml);
    }

    [Theory]
    [InlineData("countries: [TH]", "countries: [Thailand]", "/policies/0/countries")]
    [InlineData("categories: [trafficking, child_at_risk]", "categories: [trafficking, wages]", "/policies/0/categories")]
    [InlineData("{ contact: th-ngo-burmese, by: sms }", "{ contact: th-ngo-burmese, by: email }", "/policies/0/levels/0/targets/0/by")]
    [InlineData("{ contact: th-ngo-burmese, by: sms }", "{ contact: th-ngo-burmese }", "/policies/0/levels/0/targets/0")]
    [InlineData("{ contact: th-ngo-burmese, by: sms }", "{ contcat: th-ngo-burmese, by: sms }", "/policies/0/levels/0/targets/0")]
    [InlineData("{ contact: th-ngo-burmese, by: sms }", "{ by: sms }", "/policies/0/levels/0/targets/0")]
    [InlineData("{ contact: th-ngo-burmese, by: sms }", "{ contact: th-ngo-burmese, by: sms, webhook: th-1300 }", "/policies/0/levels/0/targets/0")]
    [InlineData("{ contact: th-1300, by: webhook, webhook: th-1300 }", "{ contact: th-1300, by: webhook }", "/policies/0/levels/1/targets/0")]
    [InlineData("{ organisation: partner-ngo, by: voice }", "{ organisation: Partner NGO, by: voice }", "/policies/0/levels/0/targets/1/organisation")]
    [InlineData("acknowledge_within: 15m", "acknowledge_within: 15 minutes", "/policies/0/levels/1/acknowledge_within")]
    [InlineData("repeat: 0", "repeat: 11", "/policies/1/repeat")]
    [InlineData("repeat: 0", "repeat: forever", "/policies/1/repeat")]
    [InlineData("repeat_after: 15m", "repeat_after: 0m", "/defaults/repeat_after")]
    [InlineData("      - name: ngo_partner", "      - name: NGO partner", "/policies/0/levels/0/name")]
    [InlineData("        targets:\n          - { webhook: operators, by: webhook }", "        targets: []", "/policies/1/levels/0/targets")]
    [InlineData("    source: \"seed 002 L1449-1454\"", "    sources: \"seed 002 L1449-1454\"", "/policies/0")]
    [InlineData("policies:", "policy:", "")]
    public void EscalationSchema_RejectsMistake(string find, string replace, string where)
    {
        AssertRejected(FlowSchemas.Escalation, EscalationYaml, find, replace, where);
    }

    [Theory]
    [InlineData("    levels:\n      - name: ngo_partner", "    levls:\n      - name: ngo_partner", "/policies/0")]
    [InlineData("    countries: [TH]\n", "", "/policies/0")]
    public void EscalationSchema_RejectsMissingRequiredField(string find, string replace, string where)
    {
        AssertRejected(FlowSchemas.Escalation, EscalationYaml, find, replace, where);
    }

    // ---- (c) the schemas and the readers name the same fields ----

    [Fact]
    public void FlowSchema_NamesTheFlowReadersFields()
    {
        var schema = FlowSchemas.Json(FlowSchemas.Flow);

        AssertSameNames(FlowFileReader.FlowFields, Properties(schema), "flow.schema.json: a flow");
        AssertSameNames(FlowFileReader.StateFields, Properties(schema, "$defs", "state"), "flow.schema.json: a state");
        AssertSameNames(FlowFileReader.OptionFields, Properties(schema, "$defs", "option"), "flow.schema.json: an option");
        AssertSameNames(FlowFileReader.InputFields, Properties(schema, "$defs", "input"), "flow.schema.json: input");
        AssertSameNames(KeywordFileReader.KeywordFields, Properties(schema, "$defs", "keyword"), "flow.schema.json: a keyword");
        AssertSameNames(KeywordFileReader.MenuFields, Properties(schema, "$defs", "keyword", "properties", "menu"), "flow.schema.json: a keyword's menu");
    }

    [Fact]
    public void KeywordsSchema_NamesTheKeywordReadersFields()
    {
        var schema = FlowSchemas.Json(FlowSchemas.Keywords);

        AssertSameNames(KeywordFileReader.FileFields, Properties(schema), "keywords.schema.json: the file");
        AssertSameNames(KeywordFileReader.StartFields, Properties(schema, "properties", "start"), "keywords.schema.json: start");
        Assert.Equal("flow.schema.json#/$defs/keyword", (string?)schema["properties"]!["keywords"]!["items"]!["allOf"]![0]!["$ref"]);
    }

    [Fact]
    public void DirectorySchema_NamesTheDirectoryReadersFieldsKindsAndCountries()
    {
        var schema = FlowSchemas.Json(FlowSchemas.Directory);

        AssertSameNames(DirectoryFileReader.FileFields, Properties(schema), "directory.schema.json: the file");
        AssertSameNames(DirectoryFileReader.EntryFields, Properties(schema, "$defs", "contact"), "directory.schema.json: a contact");
        AssertSameNames(DirectoryFileReader.Kinds, EnumOf(schema, "$defs", "contact", "properties", "kind"), "directory.schema.json: kind");
        AssertSameNames(Gateway.Core.Contacts.CountryCodes.Known, EnumOf(schema, "$defs", "contact", "properties", "country"), "directory.schema.json: country");
        AssertSameNames(OpenReportAction.Categories, EnumOf(schema, "$defs", "category"), "directory.schema.json: categories");
    }

    [Fact]
    public void EscalationSchema_NamesTheEscalationReadersFieldsWaysCountriesAndCategories()
    {
        var schema = FlowSchemas.Json(FlowSchemas.Escalation);

        AssertSameNames(EscalationFileReader.FileFields, Properties(schema), "escalation.schema.json: the file");
        AssertSameNames(EscalationFileReader.DefaultsFields, Properties(schema, "properties", "defaults"), "escalation.schema.json: defaults");
        AssertSameNames(EscalationFileReader.PolicyFields, Properties(schema, "$defs", "policy"), "escalation.schema.json: a policy");
        AssertSameNames(EscalationFileReader.LevelFields, Properties(schema, "$defs", "level"), "escalation.schema.json: a level");
        AssertSameNames(EscalationFileReader.TargetFields, Properties(schema, "$defs", "target"), "escalation.schema.json: a target");
        AssertSameNames(EscalationTarget.Ways, EnumOf(schema, "$defs", "target", "properties", "by"), "escalation.schema.json: by");
        AssertSameNames([.. CountryCodes.Known, EscalationPolicies.Any], EnumOf(schema, "$defs", "country"), "escalation.schema.json: countries");
        AssertSameNames([.. OpenReportAction.Categories, EscalationPolicies.Any], EnumOf(schema, "$defs", "category"), "escalation.schema.json: categories");
    }

    [Fact]
    public void EscalationSchema_TakesTheReadersDurationsAndRepeats()
    {
        foreach (var (text, accepted) in new[] { ("10m", true), ("2h", true), ("1d", true), ("0m", false), ("10", false), ("10 minutes", false) })
        {
            var yaml = $"policies:\n  - id: p\n    countries: [TH]\n    categories: [labour]\n    repeat_after: {text}\n    levels:\n      - name: l\n        targets: [{{ organisation: o, by: sms }}]\n";
            Assert.Equal(accepted, FlowFileReader.TryParseDuration(text, out _));
            Assert.True(accepted == FlowSchemas.CheckYaml(FlowSchemas.Escalation, yaml, ScalarTyping.Gateway).IsValid, $"repeat_after: {text}");
        }

        foreach (var (text, accepted) in new[] { ("0", true), ("3", true), ("10", true), ("11", false), ("-1", false), ("once", false) })
        {
            var yaml = $"policies:\n  - id: p\n    countries: [TH]\n    categories: [labour]\n    repeat: {text}\n    levels:\n      - name: l\n        targets: [{{ organisation: o, by: sms }}]\n";
            var findings = LoadEscalation(yaml);
            Assert.True(accepted == !findings.Any(f => f.Rule == "escalation.repeat"), $"the gateway, repeat: {text}");
            Assert.True(accepted == FlowSchemas.CheckYaml(FlowSchemas.Escalation, yaml, ScalarTyping.Gateway).IsValid, $"the schema, repeat: {text}");
        }
    }

    [Fact]
    public void DirectorySchema_TakesTheReadersHoursAndPageNumbers()
    {
        string[] good = ["unknown", "24/7", "Mon-Fri 08:30-16:30", "Mon-Fri 08:30-16:30; Sat 09:00-12:00", "Mon-Fri 08:30-12:00, Mon-Fri 13:00-16:30", "Daily 20:00-02:00", "08:00-20:00", "Fri-Mon 00:00-24:00", "sat 09:00-12:00"];
        string[] bad = ["Mon-Fri 8:30-16:30", "Mon-Fri 08:30-4:30pm", "weekdays 08:30-16:30", "Mon-Fri", "Mon - Fri 08:30-16:30", "Mon-Fri 08:30-16:30,", "Mon 24:00-02:00", "Mon 08:00-24:30", "office hours"];
        foreach (var (text, accepted) in good.Select(t => (t, true)).Concat(bad.Select(t => (t, false))))
        {
            var yaml = $"contacts:\n  - id: x\n    name: x\n    kind: ngo\n    country: TH\n    number: placeholder\n    placeholder: x\n    hours: \"{text}\"\n";
            Assert.True(accepted == OpeningHours.TryParse(text, out _, out _), $"the gateway, hours: {text}");
            Assert.True(accepted == FlowSchemas.CheckYaml(FlowSchemas.Directory, yaml, ScalarTyping.Gateway).IsValid, $"the schema, hours: {text}");
        }

        foreach (var (text, accepted) in new[] { ("placeholder", true), ("+99912345678", true), ("+999123456789012", true), ("1300", false), ("+999 1234 5678", false), ("+9991234", false), ("+9991234567890123", false), ("099912345678", false) })
        {
            var yaml = $"contacts:\n  - id: x\n    name: x\n    kind: ngo\n    country: TH\n    number: placeholder\n    page_number: \"{text}\"\n    placeholder: x\n";
            Assert.True(accepted == FlowSchemas.CheckYaml(FlowSchemas.Directory, yaml, ScalarTyping.Gateway).IsValid, $"the schema, page_number: {text}");
            Assert.True(accepted == (text == "placeholder" || EscalationChecks.IsE164(text)), $"the gateway, page_number: {text}");
        }
    }

    [Fact]
    public void LocalizationSchema_NamesTheLanguageReadersFields()
    {
        var schema = FlowSchemas.Json(FlowSchemas.Localization);

        AssertSameNames(LocalizationFileReader.FileFields, Properties(schema), "localization.schema.json: the file");
        AssertSameNames(LocalizationFileReader.TextFields, Properties(schema, "$defs", "entry"), "localization.schema.json: a text");
        AssertSameNames(System.Enum.GetNames<TextStatus>().Select(SnakeCase), EnumOf(schema, "$defs", "entry", "properties", "status"), "localization.schema.json: status");
        Assert.All(System.Enum.GetValues<Channel>(), channel => Assert.Contains(channel.Name(), LocalizationFileReader.TextFields));
    }

    [Fact]
    public void FlowSchema_NamesEveryActionTheGatewayKnows_AndNoOther()
    {
        var action = FlowSchemas.Json(FlowSchemas.Flow)["$defs"]!["action"]!["anyOf"]!;
        var bare = action[0]!["enum"]!.AsArray().Select(n => (string)n!).ToList();
        var withArguments = action[1]!["properties"]!.AsObject().Select(p => p.Key).ToList();
        var known = ActionRegistry.All.Select(a => a.Type).ToList();

        AssertSameNames(known, bare.Union(withArguments), "flow.schema.json: the actions");
        Assert.All(bare, name => Assert.Contains(name, known));
    }

    [Fact]
    public void FlowSchema_NamesEachActionsArguments()
    {
        var forms = FlowSchemas.Json(FlowSchemas.Flow)["$defs"]!["action"]!["anyOf"]![1]!["properties"]!.AsObject();
        foreach (var type in ActionRegistry.All)
        {
            var named = type.Arguments.Where(a => a != "value").ToList();
            if (!forms.TryGetPropertyValue(type.Type, out var form))
            {
                Assert.True(named.Count == 0, $"{type.Type} takes {string.Join(", ", named)}, but flow.schema.json only knows it as a bare name.");
                continue;
            }

            var members = form!["anyOf"]?.AsArray().Select(m => m!).ToList() ?? [form];
            var objectForm = members.SingleOrDefault(m => m["properties"] is not null);
            var singleValue = members.Any(m => m["properties"] is null && m["additionalProperties"] is null);
            if (objectForm is not null)
            {
                AssertSameNames(named, objectForm["properties"]!.AsObject().Select(p => p.Key), $"flow.schema.json: {type.Type}'s arguments");
            }
            else
            {
                // "set" takes any variable name, so the schema gives no list of names.
                Assert.True(named.Count == 0, $"{type.Type} takes {string.Join(", ", named)}, but flow.schema.json lists none.");
            }

            Assert.True(singleValue == type.Arguments.Contains("value"), singleValue
                ? $"flow.schema.json lets {type.Type} take a single value (\"- {type.Type}: x\"), but the action does not."
                : $"{type.Type} takes a single value (\"- {type.Type}: x\"), but flow.schema.json does not allow it.");
        }
    }

    [Fact]
    public void FlowSchema_NamesTheCategoriesContactKindsAndKeywordEnums()
    {
        var schema = FlowSchemas.Json(FlowSchemas.Flow);

        AssertSameNames(OpenReportAction.Categories, schema["$defs"]!["category"]!["anyOf"]![0]!["enum"]!.AsArray().Select(n => (string)n!), "flow.schema.json: categories");
        AssertSameNames(SendContactsAction.Kinds, EnumOf(schema, "$defs", "contactKind"), "flow.schema.json: send_contacts kind");
        AssertSameNames(System.Enum.GetNames<KeywordKind>().Select(SnakeCase), EnumOf(schema, "$defs", "keyword", "properties", "kind"), "flow.schema.json: keyword kind");
        AssertSameNames(System.Enum.GetNames<KeywordArgument>().Select(SnakeCase), EnumOf(schema, "$defs", "keyword", "properties", "argument"), "flow.schema.json: keyword argument");
        AssertSameNames(Gateway.Core.Contacts.CountryCodes.Known, EnumOf(schema, "$defs", "country"), "flow.schema.json: set_country");
    }

    [Fact]
    public void Schemas_AcceptEveryCountryTheGatewayServes()
    {
        foreach (var code in Gateway.Core.Contacts.CountryCodes.Known)
        {
            AssertAccepted(FlowSchemas.Localization, $"language: en\nname: x\ntexts:\n  help.intro@{code}: x\n");
            AssertAccepted(FlowSchemas.Flow, $"flow: f\nstart: s\nstates:\n  s:\n    do:\n      - set_country: {code}\n    end: true\n");
        }
    }

    [Fact]
    public void Schemas_AcceptEveryLanguageCodeTheGatewayKnows()
    {
        foreach (var code in LanguageCodes.Known)
        {
            var yaml = $"language: {code}\nname: x\nfallback: [{code}]\n";
            AssertAccepted(FlowSchemas.Localization, yaml);
            AssertAccepted(FlowSchemas.Flow, $"flow: f\nstart: s\nstates:\n  s:\n    do:\n      - set_language: {code}\n    end: true\n");
        }
    }

    [Fact]
    public void FlowSchema_TakesTheReadersDurations()
    {
        foreach (var (text, accepted) in new[] { ("15m", true), ("2h", true), ("1d", true), ("45s", true), ("0m", false), ("m", false), ("30", false), ("1w", false), ("-5m", false) })
        {
            var yaml = $"flow: f\nstart: s\nidle_expiry: {text}\nstates:\n  s:\n    end: true\n";
            Assert.Equal(accepted, FlowFileReader.TryParseDuration(text, out _));
            Assert.True(accepted == FlowSchemas.CheckYaml(FlowSchemas.Flow, yaml, ScalarTyping.Gateway).IsValid, $"idle_expiry: {text}");
        }
    }

    // ---- helpers ----

    /// <summary>The findings for the validator's base fixture with <paramref name="escalationYaml"/> as its escalation.yaml.</summary>
    private static IReadOnlyList<Gateway.Core.Flows.Validation.Finding> LoadEscalation(string escalationYaml)
    {
        var baseDir = RepositoryFiles.PathOf("tests/Gateway.Core.Tests/Flows/Fixtures/base");
        var files = Directory.EnumerateFiles(baseDir, "*.yaml", SearchOption.AllDirectories)
            .Select(p => new SourceFile(RepositoryFiles.Relative(p)[(RepositoryFiles.Relative(baseDir).Length + 1)..], File.ReadAllText(p)))
            .Where(f => f.DisplayPath != "flows/escalation.yaml")
            .Append(new SourceFile("flows/escalation.yaml", escalationYaml))
            .ToList();
        return FlowLoader.Load(
            new FlowSource(files.Where(f => f.DisplayPath.StartsWith("flows/", StringComparison.Ordinal)), files.Where(f => f.DisplayPath.StartsWith("localization/", StringComparison.Ordinal))),
            new DateOnly(2026, 11, 25)).Findings;
    }

    private static string ExpectedSchema(string file)
    {
        if (file.StartsWith("localization/", StringComparison.Ordinal))
        {
            return FlowSchemas.Localization;
        }

        return Path.GetFileName(file) switch
        {
            FlowLoader.KeywordsFile => FlowSchemas.Keywords,
            FlowLoader.DirectoryFile => FlowSchemas.Directory,
            FlowLoader.EscalationFile => FlowSchemas.Escalation,
            _ => FlowSchemas.Flow,
        };
    }

    private static void AssertPasses(string file, ScalarTyping typing)
    {
        var schema = FlowSchemas.NamedBy(file);
        Assert.NotNull(schema);
        var check = FlowSchemas.CheckYaml(schema, File.ReadAllText(RepositoryFiles.PathOf(file)), typing);

        Assert.True(check.IsValid, $"{file} does not pass {schema} ({typing} typing):{Environment.NewLine}{check}");
    }

    private static void AssertAccepted(string schema, string yaml)
    {
        foreach (var typing in System.Enum.GetValues<ScalarTyping>())
        {
            var check = FlowSchemas.CheckYaml(schema, yaml, typing);
            Assert.True(check.IsValid, $"{schema} rejects a correct file ({typing} typing):{Environment.NewLine}{check}{Environment.NewLine}{yaml}");
        }
    }

    /// <summary>
    /// The correct <paramref name="yaml"/> passes; with <paramref name="find"/> replaced it fails in both typings,
    /// with an error at <paramref name="where"/> (a JSON pointer) or inside it.
    /// </summary>
    private static void AssertRejected(string schema, string yaml, string find, string replace, string where)
    {
        AssertAccepted(schema, yaml);
        Assert.Contains(find, yaml, StringComparison.Ordinal);
        var wrong = yaml.Replace(find, replace, StringComparison.Ordinal);

        foreach (var typing in System.Enum.GetValues<ScalarTyping>())
        {
            // Only failures the mistake caused count: a correct file has failed anyOf branches too.
            var before = FlowSchemas.CheckYaml(schema, yaml, typing).Errors.Select(e => (e.Location, e.SchemaPath)).ToHashSet();
            var check = FlowSchemas.CheckYaml(schema, wrong, typing);
            var caused = check.Errors.Where(e => !before.Contains((e.Location, e.SchemaPath))).ToList();

            Assert.False(check.IsValid, $"{schema} accepts this mistake ({typing} typing): {replace}");
            Assert.True(
                caused.Any(e => e.Location == where || e.Location.StartsWith(where + "/", StringComparison.Ordinal)),
                $"{schema} flags \"{replace}\" ({typing} typing), but not at {where}:{Environment.NewLine}{check}");
        }
    }

    private static IEnumerable<string> Properties(JsonNode schema, params string[] path) =>
        Walk(schema, path)["properties"]!.AsObject().Select(p => p.Key);

    private static IEnumerable<string> EnumOf(JsonNode schema, params string[] path) =>
        Walk(schema, path)["enum"]!.AsArray().Select(n => (string)n!);

    private static JsonNode Walk(JsonNode schema, string[] path)
    {
        var node = schema;
        foreach (var step in path)
        {
            node = node[step] ?? throw new KeyNotFoundException($"The schema has nothing at {string.Join('/', path)} ({step} is missing).");
        }

        return node;
    }

    private static void AssertSameNames(IEnumerable<string> reader, IEnumerable<string> schema, string what)
    {
        var inReader = reader.ToHashSet(StringComparer.Ordinal);
        var inSchema = schema.ToHashSet(StringComparer.Ordinal);
        var onlyReader = inReader.Except(inSchema).Order(StringComparer.Ordinal).ToList();
        var onlySchema = inSchema.Except(inReader).Order(StringComparer.Ordinal).ToList();

        Assert.True(onlyReader.Count == 0 && onlySchema.Count == 0,
            $"{what}: the gateway reads [{string.Join(", ", onlyReader)}] that the schema does not name, and the schema names [{string.Join(", ", onlySchema)}] that the gateway does not read.");
    }

    private static string SnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && result.Length > 0)
            {
                result.Append('_');
            }

            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }

    /// <summary>Every object under "properties" must say what it is for.</summary>
    private static void FindUndescribed(JsonNode? node, string path, List<string> missing)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "properties" && value is JsonObject properties && !path.EndsWith("/if", StringComparison.Ordinal))
                    {
                        foreach (var (name, property) in properties)
                        {
                            if (property is not JsonObject { } described || described["description"] is null)
                            {
                                missing.Add($"{path}/properties/{name}");
                            }
                        }
                    }

                    FindUndescribed(value, $"{path}/{key}", missing);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    FindUndescribed(array[i], $"{path}/{i}", missing);
                }

                break;
        }
    }

    /// <summary>
    /// Objects that name their properties must close the list, except where they only add to another
    /// schema's closed list (an allOf member) or test a value (if).
    /// </summary>
    private static void FindOpenObjects(JsonNode? node, string path, List<string> open)
    {
        switch (node)
        {
            case JsonObject obj:
                var isPartial = path.EndsWith("/if", StringComparison.Ordinal) || path.Contains("/allOf/", StringComparison.Ordinal);
                var closed = obj["additionalProperties"] is JsonValue additional && additional.GetValueKind() == JsonValueKind.False;
                if (obj["properties"] is not null && !isPartial && !closed)
                {
                    open.Add(path.Length == 0 ? "/" : path);
                }

                foreach (var (key, value) in obj)
                {
                    FindOpenObjects(value, $"{path}/{key}", open);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    FindOpenObjects(array[i], $"{path}/{i}", open);
                }

                break;
        }
    }

    /// <summary>
    /// Objects in a data file whose names are fixed by the format (not state names, text keys, languages or
    /// variables; if_known names variables too, besides country and language).
    /// </summary>
    private static void FindObjectsWithFixedNames(JsonNode? node, List<JsonObject> found, string parentKey = "")
    {
        switch (node)
        {
            case JsonObject obj:
                var freeNames = parentKey is "states" or "texts" or "words" or "also" or "set" or "if_known";
                if (!freeNames && obj.Count > 0)
                {
                    found.Add(obj);
                }

                foreach (var (key, value) in obj)
                {
                    FindObjectsWithFixedNames(value, found, key);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    FindObjectsWithFixedNames(item, found, parentKey);
                }

                break;
        }
    }
}
