using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Gateway.Web.Tests.Configuration;

/// <summary>
/// docker-compose.yml is accepted by docker-compose and keeps Redis durable and password-protected; the image and
/// compose file give the gateway what it needs to run on a fresh machine (no Docker engine here: the files are read,
/// docker-compose validates and normalises the compose file, and the entry point runs with a stand-in dotnet).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public partial class DeploymentFacts
{
    [Fact]
    public void ComposeFile_IsAcceptedByDockerCompose_WithDurableRedis()
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = SharedData.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-f", "docker-compose.yml", "config" },
        };
        start.Environment["REDIS_PASSWORD"] = "compose-check-password";
        start.Environment["GATEWAY_DATA_KEY"] = Convert.ToBase64String(new byte[32]);
        start.Environment["GATEWAY_PUBLIC_BASE_URL"] = "https://gateway.example.org";
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("docker-compose is not installed: run the tests with `bash scripts/test.sh`, which installs Debian's docker-compose.", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, error);
            Assert.Contains("appendfsync", output, StringComparison.Ordinal);
            Assert.Contains("always", output, StringComparison.Ordinal);
            Assert.Contains("--requirepass", output, StringComparison.Ordinal);
            Assert.Contains("redis-data:/data", output, StringComparison.Ordinal);
            Assert.Contains("ConnectionStrings__Redis: redis:6379,password=compose-check-password", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ComposeFile_IsRefused_WithoutARedisPassword()
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = SharedData.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-f", "docker-compose.yml", "config", "-q" },
        };
        start.Environment.Remove("REDIS_PASSWORD");
        start.Environment["GATEWAY_DATA_KEY"] = Convert.ToBase64String(new byte[32]);
        start.Environment["GATEWAY_PUBLIC_BASE_URL"] = "https://gateway.example.org";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("REDIS_PASSWORD", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every folder the gateway writes by its settings in the image (each <c>Gateway__…Path</c>: journal, flows,
    /// texts, and the recordings under the texts) is made and given to the gateway's user before <c>USER</c>.
    /// </summary>
    [Fact]
    public void Dockerfile_GivesEveryFolderTheGatewayWrites_ToItsUser_BeforeUser()
    {
        var lines = RuntimeStage();
        var user = lines.FindIndex(l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.True(user >= 0, "the runtime stage has no USER: the gateway would run as root");
        var name = lines[user]["USER ".Length..].Trim();
        var before = string.Join('\n', lines.Take(user));
        var owned = ChownedFolders().Matches(before)
            .Where(m => m.Groups["owner"].Value == $"{name}:{name}" || m.Groups["owner"].Value == name)
            .SelectMany(m => m.Groups["paths"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        var made = MadeFolders().Matches(before).SelectMany(m => m.Groups["paths"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var written = SettingPaths().Matches(before).Select(m => m.Groups["path"].Value).ToList();
        Assert.Contains("/var/lib/gateway/journal", written);
        Assert.Contains("/app/flows", written);
        Assert.Contains("/app/localization", written);
        foreach (var folder in written.Append("/app/localization/audio"))
        {
            Assert.True(owned.Exists(o => folder == o || folder.StartsWith(o + "/", StringComparison.Ordinal)), $"{folder} is written by the gateway but not given to {name} before USER (chown -R {name}:{name} …)");
        }

        Assert.Contains("/var/lib/gateway/journal", made);
        Assert.Contains("/app/localization/audio", made);
        Assert.Contains(lines, l => l == "VOLUME /var/lib/gateway");
    }

    /// <summary>The healthcheck runs the gateway's own executable (the runtime image has no curl or wget).</summary>
    [Fact]
    public void Dockerfile_Healthcheck_AsksTheGatewayItself()
    {
        var healthcheck = RuntimeStage().Find(l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal)) ?? string.Empty;
        Assert.Contains("""CMD ["dotnet", "/app/Gateway.Web.dll", "healthcheck"]""", healthcheck, StringComparison.Ordinal);
        Assert.DoesNotContain("curl", healthcheck, StringComparison.Ordinal);
        Assert.DoesNotContain("wget", healthcheck, StringComparison.Ordinal);
        Assert.Contains("""ENTRYPOINT ["gateway"]""", RuntimeStage());
        Assert.Contains("COPY deploy/entrypoint.sh /usr/local/bin/gateway", RuntimeStage());
    }

    /// <summary>The image's entry point runs the gateway, its healthcheck, or a `gateway` command such as create-admin.</summary>
    [Theory]
    [InlineData("", "/app/Gateway.Web.dll")]
    [InlineData("healthcheck", "/app/Gateway.Web.dll healthcheck")]
    [InlineData("accounts create-admin --organisation Hope --name Desk", "/app/cli/gateway.dll accounts create-admin --organisation Hope --name Desk")]
    [InlineData("flows validate", "/app/cli/gateway.dll flows validate")]
    public void EntryPoint_RunsTheGatewayOrACommand(string arguments, string expected)
    {
        var bin = Directory.CreateTempSubdirectory("gateway-entrypoint-").FullName;
        try
        {
            var dotnet = Path.Combine(bin, "dotnet");
            File.WriteAllText(dotnet, "#!/bin/sh\necho \"$*\"\n");
            File.SetUnixFileMode(dotnet, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, ArgumentList = { Path.Combine(SharedData.RepositoryRoot, "deploy", "entrypoint.sh") } };
            foreach (var argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["PATH"] = bin + ":/usr/bin:/bin";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(expected, output);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    /// <summary>The gateway starts once Redis answers a ping, not merely once its container has started.</summary>
    [Fact]
    public void Compose_StartsTheGateway_OnceRedisAnswers()
    {
        var services = (YamlMappingNode)ComposeConfig()["services"];
        var gateway = (YamlMappingNode)services["gateway"];
        var redis = (YamlMappingNode)services["redis"];

        var dependsOn = (YamlMappingNode)((YamlMappingNode)gateway["depends_on"])["redis"];
        Assert.Equal("service_healthy", ((YamlScalarNode)dependsOn["condition"]).Value);
        var test = ((YamlSequenceNode)((YamlMappingNode)redis["healthcheck"])["test"]).Select(n => ((YamlScalarNode)n).Value).ToList();
        Assert.Contains(test, part => part is not null && part.Contains("redis-cli", StringComparison.Ordinal) && part.Contains("ping", StringComparison.Ordinal));
        Assert.Equal("compose-check-password", ((YamlScalarNode)((YamlMappingNode)redis["environment"])["REDISCLI_AUTH"]).Value);
        var volumes = ((YamlSequenceNode)gateway["volumes"]).Select(n => ((YamlScalarNode)n).Value).ToList();
        Assert.Contains("gateway-journal:/var/lib/gateway:rw", volumes);
        Assert.Contains("gateway-flows:/app/flows:rw", volumes);
        Assert.Contains("gateway-localization:/app/localization:rw", volumes);
    }

    [Fact]
    public void Compose_SentinelProfile_HasAPrimaryAReplicaAndThreeSentinels_AndLeavesTheDefaultAlone()
    {
        var services = (YamlMappingNode)ComposeConfig()["services"];
        string[] profiled = ["redis-primary", "redis-replica", "sentinel-1", "sentinel-2", "sentinel-3", "gateway-sentinel"];
        var byName = services.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (YamlMappingNode)c.Value);
        Assert.Equal(["gateway", "redis"], byName.Where(s => !s.Value.Children.ContainsKey("profiles")).Select(s => s.Key).Order(StringComparer.Ordinal));
        foreach (var name in profiled)
        {
            Assert.Equal("sentinel", ((YamlScalarNode)((YamlSequenceNode)byName[name]["profiles"]).Children.Single()).Value);
        }

        string Command(string name) => string.Join(' ', ((YamlSequenceNode)byName[name]["command"]).Children.Select(c => ((YamlScalarNode)c).Value));
        foreach (var server in new[] { "redis-primary", "redis-replica" })
        {
            var command = Command(server);
            Assert.Contains("--appendonly yes --appendfsync always", command, StringComparison.Ordinal);
            Assert.Contains("--min-replicas-to-write 1 --min-replicas-max-lag 10", command, StringComparison.Ordinal);
            Assert.Contains("--requirepass compose-check-password --masterauth compose-check-password", command, StringComparison.Ordinal);
        }

        Assert.EndsWith("--replicaof redis-primary 6379", Command("redis-replica"), StringComparison.Ordinal);
        foreach (var sentinel in new[] { "sentinel-1", "sentinel-2", "sentinel-3" })
        {
            var command = Command(sentinel);
            Assert.Contains("'sentinel monitor gateway redis-primary 6379 2'", command, StringComparison.Ordinal);
            Assert.Contains("'sentinel auth-pass gateway compose-check-password'", command, StringComparison.Ordinal);
            Assert.Contains("'requirepass compose-check-password'", command, StringComparison.Ordinal);
            Assert.Contains("redis-server /data/sentinel.conf --sentinel", command, StringComparison.Ordinal);
        }

        var environment = (YamlMappingNode)byName["gateway-sentinel"]["environment"];
        Assert.Equal("sentinel-1:26379,sentinel-2:26379,sentinel-3:26379,serviceName=gateway,password=compose-check-password", ((YamlScalarNode)environment["ConnectionStrings__Redis"]).Value);
        Assert.Equal("1", ((YamlScalarNode)environment["Redis__DurableReplicas"]).Value);
    }

    /// <summary>Every variable docker-compose.yml uses is in .env.example, which names no other; .env is never committed or built in.</summary>
    [Fact]
    public void EnvExample_ListsEveryVariableTheComposeFileUses()
    {
        var compose = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docker-compose.yml"));
        var used = ComposeVariable().Matches(compose).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var listed = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, ".env.example"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l[..l.IndexOf('=', StringComparison.Ordinal)])
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(listed));
        Assert.Empty(listed.Except(used));
        // The secrets stay out of git and out of the image (the build copies the whole folder).
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, ".gitignore")));
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, ".dockerignore")));
    }

    /// <summary>The lines of the Dockerfile's last stage (the image that runs), continuation lines joined.</summary>
    private static List<string> RuntimeStage()
    {
        var lines = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, "Dockerfile")).Where(l => !l.StartsWith('#')).ToList();
        var joined = new List<string>();
        foreach (var line in lines)
        {
            if (joined.Count > 0 && joined[^1].EndsWith('\\'))
            {
                joined[^1] = joined[^1][..^1].TrimEnd() + " " + line.Trim();
            }
            else if (line.Trim().Length > 0)
            {
                joined.Add(line.Trim());
            }
        }

        return joined.Skip(joined.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal)) + 1).ToList();
    }

    /// <summary>The compose file as docker-compose itself reads it, with test values for the required variables.</summary>
    private static YamlMappingNode ComposeConfig()
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = SharedData.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { "-f", "docker-compose.yml", "config" },
        };
        start.Environment["REDIS_PASSWORD"] = "compose-check-password";
        start.Environment["GATEWAY_DATA_KEY"] = Convert.ToBase64String(new byte[32]);
        start.Environment["GATEWAY_PUBLIC_BASE_URL"] = "https://gateway.example.org";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(output.Result));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    [GeneratedRegex(@"chown -R (?<owner>[\w:]+) (?<paths>[^&;\n]+)")]
    private static partial Regex ChownedFolders();

    [GeneratedRegex(@"mkdir -p (?<paths>[^&;\n]+)")]
    private static partial Regex MadeFolders();

    [GeneratedRegex(@"Gateway__\w+Path=(?<path>/[^\s]+)")]
    private static partial Regex SettingPaths();

    [GeneratedRegex(@"\$\{(?<name>[A-Z_][A-Z0-9_]*)")]
    private static partial Regex ComposeVariable();
}
