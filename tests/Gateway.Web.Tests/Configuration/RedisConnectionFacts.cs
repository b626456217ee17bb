using Gateway.Web.Configuration;

namespace Gateway.Web.Tests.Configuration;

public sealed class RedisConnectionFacts
{
    [Theory]
    [InlineData("redis:6379,password=secret")]
    [InlineData("sentinel1:26379,sentinel2:26379,sentinel3:26379,serviceName=gateway,password=secret")]
    [InlineData("node1:6379,node2:6379,node3:6379,node4:6379,node5:6379,node6:6379")]
    public void Options_ChecksRolesAndSlotsEveryFiveSeconds_WhenTheConnectionStringSaysNothing(string connectionString)
    {
        var options = RedisConnection.Options(connectionString);

        Assert.Equal(RedisConnection.DefaultConfigCheckSeconds, options.ConfigCheckSeconds);
        Assert.Equal(5, options.ConfigCheckSeconds);
        Assert.False(options.AbortOnConnectFail);
    }

    [Fact]
    public void Options_KeepsTheConnectionStringsOwnConfigCheck()
    {
        Assert.Equal(20, RedisConnection.Options("redis:6379,configCheckSeconds=20").ConfigCheckSeconds);
    }

    [Fact]
    public void Options_NamesTheSentinelsService_SoTheClientAsksThemForThePrimary()
    {
        var options = RedisConnection.Options("127.0.0.1:26379,127.0.0.1:26380,serviceName=gateway");

        Assert.Equal("gateway", options.ServiceName);
        Assert.Equal(2, options.EndPoints.Count);
    }
}
