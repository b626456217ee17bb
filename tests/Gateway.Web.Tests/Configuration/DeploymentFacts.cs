using System.Diagnostics;

namespace Gateway.Web.Tests.Configuration;

/// <summary>docker-compose.yml is accepted by docker-compose and keeps Redis durable and password-protected.</summary>
public class DeploymentFacts
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
}
