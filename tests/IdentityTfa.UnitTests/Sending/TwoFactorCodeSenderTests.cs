using System.Text.RegularExpressions;
using IdentityTfa.Sending;

namespace IdentityTfa.UnitTests.Sending;

public class TwoFactorCodeSenderTests
{
    [Fact]
    public async Task A_sign_in_code_goes_to_the_preferred_channel_with_the_company_name()
    {
        await using var world = await TwoFactorWorld.CreateAsync(new() { ["IdentityTfa:CompanyName"] = "Tiny Tea Shop" });
        var user = await world.CreateUserAsync(Email, "+16502534567");
        await world.EnableMethodAsync(user, DeliveryChannel.Sms);
        await world.EnableMethodAsync(user, DeliveryChannel.Email);

        var result = await SendAsync(world, user, channel: null);

        var sent = Assert.IsType<SendCodeResult.Sent>(result);
        Assert.Equal(DeliveryChannel.Sms, sent.Channel);
        Assert.Equal("•••• 4567", sent.MaskedDestination);
        var message = Assert.Single(await InboxAsync(world));
        Assert.Equal("+16502534567", message.To);
        Assert.Matches(@"^\d{6} is your Tiny Tea Shop sign-in code\. It expires in 10 min\. Never share it\.$", message.Body);
    }

    [Fact]
    public async Task Asking_again_within_the_cooldown_is_refused_with_the_wait()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email, "+16502534567");
        await world.EnableMethodAsync(user, DeliveryChannel.Sms);
        await SendAsync(world, user, null);

        world.Time.Advance(TimeSpan.FromSeconds(20));
        var tooSoon = await SendAsync(world, user, null);
        world.Time.Advance(TimeSpan.FromSeconds(10));
        var allowed = await SendAsync(world, user, null);

        Assert.Equal(new SendCodeResult.TooSoon(TimeSpan.FromSeconds(10)), tooSoon);
        Assert.IsType<SendCodeResult.Sent>(allowed);
        Assert.Equal(2, (await InboxAsync(world)).Count);
    }

    [Fact]
    public async Task A_locked_out_account_gets_no_code()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email, "+16502534567");
        await world.EnableMethodAsync(user, DeliveryChannel.Sms);
        var until = DateTimeOffset.UtcNow.AddMinutes(15);
        await world.InRequestAsync(user, async (users, u, _) =>
        {
            await users.SetLockoutEnabledAsync(u, true);
            return await users.SetLockoutEndDateAsync(u, until);
        });

        var result = await SendAsync(world, user, null);

        Assert.IsType<SendCodeResult.LockedOut>(result);
        Assert.Empty(await InboxAsync(world));
        Assert.Empty(await world.ChallengesAsync());
    }

    [Fact]
    public async Task A_channel_the_user_has_not_turned_on_is_unavailable()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var user = await world.CreateUserAsync(Email, "+16502534567");
        await world.EnableMethodAsync(user, DeliveryChannel.Sms);

        Assert.IsType<SendCodeResult.ChannelUnavailable>(await SendAsync(world, user, DeliveryChannel.Email));
        Assert.Empty(await InboxAsync(world));
    }

    [Fact]
    public async Task With_send_to_every_channel_the_same_code_goes_to_phone_and_email()
    {
        await using var world = await TwoFactorWorld.CreateAsync(new() { ["IdentityTfa:SendToEveryChannel"] = "true" });
        var user = await world.CreateUserAsync(Email, "+16502534567");
        await world.EnableMethodAsync(user, DeliveryChannel.Sms);
        await world.EnableMethodAsync(user, DeliveryChannel.Email);

        var sent = Assert.IsType<SendCodeResult.Sent>(await SendAsync(world, user, null));

        Assert.Equal(["j•••@example.com"], sent.AlsoSentTo);
        var messages = await InboxAsync(world);
        Assert.Equal(2, messages.Count);
        var codes = messages.Select(m => Regex.Match(m.Body, @"\d{6}").Value).Distinct().ToList();
        var code = Assert.Single(codes);
        Assert.True((await world.VerifySignInCodeAsync(user, IdentityTfa.TokenProviders.TwoFactorProviderNames.Email, code)).Accepted);
    }

    private static Task<SendCodeResult> SendAsync(TwoFactorWorld world, IdentityUser user, DeliveryChannel? channel) =>
        world.InRequestAsync(user, (_, u, sp) => sp.GetRequiredService<ITwoFactorCodeSender<IdentityUser>>().SendSignInCodeAsync(u, channel));

    private static async Task<List<DevInboxMessage>> InboxAsync(TwoFactorWorld world)
    {
        await using var scope = world.NewScope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<DevInboxMessage>().AsNoTracking().ToListAsync();
    }
}
