using System.Net;
using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using IdentityTfa.Limits;
using Microsoft.AspNetCore.Http;

namespace IdentityTfa.UnitTests.Limits;

public class SendLimitsTests
{
    [Fact]
    public async Task Texts_to_one_country_stop_at_its_hourly_cap_and_other_countries_go_on()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var policy = new CodePolicyOptions { SendsPerCountry = "2/1h", AllowedCountries = "US,GB", SendsPerDestination = "100/1d" };

        var us = new List<string?>();
        foreach (var number in new[] { "+16502530001", "+16502530002", "+16502530003" })
        {
            us.Add((await CheckAsync(world, policy, number, null))?.Reason);
        }

        var gb = await CheckAsync(world, policy, "+442079460958", null);

        Assert.Equal([null, null, "country-cap"], us);
        Assert.Null(gb);
    }

    [Fact]
    public async Task Sends_asked_for_from_one_address_stop_at_the_limit_and_other_addresses_go_on()
    {
        await using var world = await TwoFactorWorld.CreateAsync(new() { ["IdentityTfa:SendsPerIp"] = "2/1h" });
        var policy = new CodePolicyOptions { SendsPerDestination = "100/1d" };

        var fromOne = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            fromOne.Add((await CheckAsync(world, policy, $"jane{i}@example.com", IPAddress.Parse("203.0.113.7")))?.Reason);
        }

        var fromOther = await CheckAsync(world, policy, "john@example.com", IPAddress.Parse("203.0.113.8"));

        Assert.Equal([null, null, "ip"], fromOne);
        Assert.Null(fromOther);
    }

    [Fact]
    public async Task Sends_of_one_purpose_by_the_whole_site_stop_at_the_daily_cap()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var policy = new CodePolicyOptions { SendsPerPolicy = "2/1d", SendsPerDestination = "100/1d" };

        var answers = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await CheckAsync(world, policy, $"shopper{i}@example.com", null))?.Reason);
        }

        world.Time.Advance(TimeSpan.FromDays(1));
        var nextDay = await CheckAsync(world, policy, "shopper9@example.com", null);

        Assert.Equal([null, null, "policy"], answers);
        Assert.Null(nextDay);
    }

    private static async Task<(string Message, string Reason)?> CheckAsync(TwoFactorWorld world, CodePolicyOptions policy, string destination, IPAddress? ip)
    {
        await using var scope = world.NewScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Connection.RemoteIpAddress = ip;
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        var tfa = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TwoFactorOptions>>().Value;
        var channel = destination.Contains('@') ? DeliveryChannel.Email : DeliveryChannel.Sms;
        return await scope.ServiceProvider.GetRequiredService<SendLimits>().CheckAsync(ChallengePurpose.SignIn, policy, tfa, channel, destination, CancellationToken.None);
    }
}
