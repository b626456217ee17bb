using System.Diagnostics;

namespace Gateway.Core.Tests;

/// <summary>
/// scripts/test.sh as a user who is not root, on a machine missing some of the packages the README lists: it names
/// them with the one command that installs them and ends with a failing count, before building anything. The
/// script runs from a copy in a temporary folder (it clears .test-results beside itself), with a PATH of stand-ins.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TestScriptFacts : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gateway-test-script-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Script_NamesEveryMissingPackage_WithTheInstallCommand_WhenNotRoot()
    {
        var (code, output) = Run(present: []);

        Assert.Equal(1, code);
        Assert.Contains("sudo apt-get update && sudo apt-get install -y redis-server nodejs npm chromium espeak-ng docker-compose", output, StringComparison.Ordinal);
        Assert.Equal("0 passed, 1 failed", output.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void Script_NamesOnlyRedis_WhenOnlyRedisIsMissing()
    {
        var (code, output) = Run(present: ["node", "npm", "espeak-ng", "docker-compose"]);

        Assert.Equal(1, code);
        Assert.Contains("which are missing: redis-server\n", output, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get update && sudo apt-get install -y redis-server\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Installing", output, StringComparison.Ordinal);
        Assert.Equal("0 passed, 1 failed", output.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void Script_InstallsTheMissingPackagesWithAptGet_WhenRoot()
    {
        var calls = Path.Combine(_root, "apt-get.calls");
        var (code, output) = Run(present: ["node", "npm", "espeak-ng"], uid: 0, aptGet: $"echo \"$*\" >> {calls}; [ \"$1\" = update ]");

        Assert.Contains("Installing redis-server docker-compose", output, StringComparison.Ordinal);
        Assert.Equal(["update -qq", "install -y -qq redis-server docker-compose"], File.ReadAllLines(calls));
        // The stand-in installed nothing, so the script still names them and fails.
        Assert.Equal(1, code);
        Assert.Contains("which are missing: redis-server docker-compose\n", output, StringComparison.Ordinal);
        Assert.Equal("0 passed, 1 failed", output.TrimEnd().Split('\n')[^1]);
    }

    /// <summary>
    /// Runs the copied script with only stand-ins on PATH: the commands named in <paramref name="present"/>, a
    /// <c>dotnet</c> that is never reached, the few tools the script uses before its check, an <c>id</c> that says
    /// <paramref name="uid"/> (1000: the path of a user who cannot install packages, even when the tests run as
    /// root), and an <c>apt-get</c> running <paramref name="aptGet"/>, if given. Chromium is a stand-in too when
    /// anything is present.
    /// </summary>
    private (int Code, string Output) Run(string[] present, int uid = 1000, string? aptGet = null)
    {
        var scripts = Directory.CreateDirectory(Path.Combine(_root, "scripts")).FullName;
        File.Copy(Path.Combine(SharedData.RepositoryRoot, "scripts", "test.sh"), Path.Combine(scripts, "test.sh"));
        var bin = Directory.CreateDirectory(Path.Combine(_root, "bin")).FullName;
        foreach (var tool in new[] { "dirname", "rm", "mkdir" })
        {
            File.CreateSymbolicLink(Path.Combine(bin, tool), Which(tool));
        }

        Stub(bin, "id", $"echo {uid}");
        if (aptGet is not null)
        {
            Stub(bin, "apt-get", aptGet);
        }

        Stub(bin, "dotnet", "echo 'dotnet must not run before the packages are checked' >&2; exit 3");
        foreach (var command in present)
        {
            Stub(bin, command, "exit 0");
        }

        var chromium = Path.Combine(_root, present.Length > 0 ? "chromium" : "no-chromium");
        if (present.Length > 0)
        {
            Stub(_root, "chromium", "exit 0");
        }

        var start = new ProcessStartInfo(Which("bash"))
        {
            ArgumentList = { Path.Combine(scripts, "test.sh") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = bin;
        start.Environment["CHROMIUM_PATH"] = chromium;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000), "scripts/test.sh did not stop within 30 s");
        return (process.ExitCode, output.Result + error);
    }

    private static void Stub(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static string Which(string tool) =>
        new[] { "/usr/bin", "/bin" }.Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists)
        ?? throw new FileNotFoundException($"{tool} is not in /usr/bin or /bin.");
}
