using Microsoft.Extensions.Time.Testing;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// SMS pumping over real HTTP: one network (127.0.0.1 on a real Kestrel server, so the shop sees the client's address)
/// knows the passwords of several accounts and makes the shop text each of them. Each cap stops it.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class SendCapAttackTests(SecurityFigures figures)
{
    private static readonly string[] Phones = ["+16502530001", "+16502530002", "+16502530003", "+16502530004"];

    public static TheoryData<string, string, string, string> Caps => new()
    {
        { "IdentityTfa:SendsPerIp", "2/1h", "Too many codes were asked for from this network. Please try again later.", "limits.sends_per_ip.allowed" },
        { "IdentityTfa:Policies:SignIn:SendsPerCountry", "2/1h", "We cannot send more codes to this country right now. Please try again later or use your email.", "limits.sends_per_country.allowed" },
        { "IdentityTfa:Policies:SignIn:SendsPerPolicy", "2/1d", "We cannot send more codes right now. Please try again later.", "limits.sends_per_site.allowed" },
    };

    [Theory]
    [MemberData(nameof(Caps))]
    public async Task Sign_ins_to_many_accounts_from_one_network_stop_sending_at_the_cap(string setting, string cap, string refusal, string figure)
    {
        await using var shop = new ShopFactory(new() { [setting] = cap }).OnRealServer();
        for (var i = 0; i < Phones.Length; i++)
        {
            await shop.CreateAccountAsync($"victim{i}@example.com", Phones[i], DeliveryChannel.Sms);
        }

        var alerts = new List<string>();
        for (var i = 0; i < Phones.Length; i++)
        {
            using var attacker = shop.NewShopper();
            alerts.Add((await attacker.PasswordStepAsync($"victim{i}@example.com", Journeys.Password)).Alerts);
        }

        using var reader = shop.NewShopper();
        var texted = 0;
        foreach (var phone in Phones)
        {
            texted += await DevInbox.CountToAsync(reader, phone);
        }

        Assert.Equal(2, texted);
        Assert.All(alerts.Take(2), a => Assert.DoesNotContain(refusal, a, StringComparison.Ordinal));
        Assert.All(alerts.Skip(2), a => Assert.Contains(refusal, a, StringComparison.Ordinal));
        await using var scope = shop.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>().CountAsync(a => a.Type == "code.refused"));
        figures.Set(figure, texted);
    }

    [Fact]
    public async Task Sends_refused_at_the_sites_cap_take_nothing_from_the_networks_allowance()
    {
        // The start of this hour (of the one before it at 23:00 UTC): the next hour is a new window of the site's hourly
        // cap and the same day for the network's daily one.
        var now = DateTime.UtcNow;
        var hour = new DateTimeOffset(now.Date.AddHours(Math.Min(now.Hour, 22)), TimeSpan.Zero);
        var clock = new FakeTimeProvider(hour);
        await using var shop = new ShopFactory(new()
        {
            ["IdentityTfa:Policies:SignIn:SendsPerPolicy"] = "2/1h",
            ["IdentityTfa:SendsPerIp"] = "3/1d",
        }) { Time = clock }.OnRealServer();
        var phones = Enumerable.Range(0, 7).Select(i => $"+165025302{i:D2}").ToList();
        for (var i = 0; i < phones.Count; i++)
        {
            await shop.CreateAccountAsync($"victim{i}@example.com", phones[i], DeliveryChannel.Sms);
        }

        var firstHour = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var attacker = shop.NewShopper();
            firstHour.Add((await attacker.PasswordStepAsync($"victim{i}@example.com", Journeys.Password)).Alerts);
        }

        clock.Advance(TimeSpan.FromHours(1));
        using var sixth = shop.NewShopper();
        var nextHour = (await sixth.PasswordStepAsync("victim5@example.com", Journeys.Password)).Alerts;
        using var seventh = shop.NewShopper();
        var overNetworkCap = (await seventh.PasswordStepAsync("victim6@example.com", Journeys.Password)).Alerts;

        Assert.Equal(3, firstHour.Count(a => a.Contains("We cannot send more codes right now.", StringComparison.Ordinal)));
        Assert.DoesNotContain("Too many codes", nextHour, StringComparison.Ordinal);
        Assert.Contains("Too many codes were asked for from this network.", overNetworkCap, StringComparison.Ordinal);
        using var reader = shop.NewShopper();
        Assert.Equal(1, await DevInbox.CountToAsync(reader, phones[5]));
        Assert.Equal(0, await DevInbox.CountToAsync(reader, phones[6]));
    }
}
