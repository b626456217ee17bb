using System.Net;
using Gateway.Web.Ussd;
using Microsoft.AspNetCore.Http;

namespace Gateway.Web.Tests.Ussd;

public class UssdGuardFacts
{
    private static DefaultHttpContext Request(string remote, string? key = null, string? header = null)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (key is not null)
        {
            http.Request.QueryString = new QueryString("?key=" + Uri.EscapeDataString(key));
        }

        if (header is not null)
        {
            http.Request.Headers["X-Gateway-Key"] = header;
        }

        return http;
    }

    [Theory]
    [InlineData("196.201.214.7", true)]
    [InlineData("::ffff:196.201.214.200", true)]
    [InlineData("196.201.215.1", false)]
    [InlineData("2001:db8::1", true)]
    [InlineData("127.0.0.1", false)]
    public void AllowList_AdmitsOnlyItsNetworks(string remote, bool allowed)
    {
        var guard = new UssdGuard(new UssdOptions { AllowedNetworks = "196.201.214.0/24, 2001:db8::/32" });

        Assert.Equal(allowed, guard.Allows(Request(remote), out var reason));
        Assert.Equal(allowed, reason is null);
    }

    [Theory]
    [InlineData("s3cret", null, true)]
    [InlineData(null, "s3cret", true)]
    [InlineData("s3cre", null, false)]
    [InlineData("s3cret-and-more", null, false)]
    [InlineData(null, null, false)]
    public void Secret_IsTakenFromTheQueryOrTheHeader(string? key, string? header, bool allowed)
    {
        var guard = new UssdGuard(new UssdOptions { SharedSecret = "s3cret" });

        Assert.Equal(allowed, guard.Allows(Request("203.0.113.9", key, header), out _));
    }

    [Fact]
    public void SecretAndAllowList_BothMustPass()
    {
        var guard = new UssdGuard(new UssdOptions { SharedSecret = "s3cret", AllowedNetworks = "203.0.113.0/24" });

        Assert.True(guard.Allows(Request("203.0.113.9", "s3cret"), out _));
        Assert.False(guard.Allows(Request("198.51.100.1", "s3cret"), out _));
        Assert.False(guard.Allows(Request("203.0.113.9", "nope"), out _));
    }

    [Fact]
    public void WithoutProtection_OnlyLoopbackIsServed()
    {
        var guard = new UssdGuard(new UssdOptions());

        Assert.True(guard.Allows(Request("127.0.0.1"), out _));
        Assert.True(guard.Allows(Request("::1"), out _));
        Assert.False(guard.Allows(Request("10.1.2.3"), out var reason));
        Assert.Contains("only this machine", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedAllowList_IsRefusedWithTheEntry()
    {
        var e = Assert.Throws<InvalidOperationException>(() => UssdGuard.ParseNetworks("10.0.0.0/8, gateway.example.org"));
        Assert.Contains("gateway.example.org", e.Message, StringComparison.Ordinal);
    }
}
