using IdentityTfa.Limits;

namespace IdentityTfa.UnitTests.Limits;

public class RateLimitTests
{
    [Theory]
    [InlineData("3/1d", 3, 86400)]
    [InlineData("10000/1d", 10000, 86400)]
    [InlineData("1/3s", 1, 3)]
    [InlineData("20/1h", 20, 3600)]
    [InlineData("5/10m", 5, 600)]
    public void The_seeds_count_per_period_notation_is_read(string text, int count, int seconds)
    {
        Assert.Equal(new RateLimit(count, TimeSpan.FromSeconds(seconds)), RateLimit.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3 per day")]
    [InlineData("0/1d")]
    [InlineData("3/0d")]
    [InlineData("3/1w")]
    [InlineData("-1/1d")]
    public void Anything_else_is_refused(string text)
    {
        Assert.Null(RateLimit.Parse(text));
    }

    [Fact]
    public async Task A_window_allows_its_count_then_refuses_until_the_next_window()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var limit = new RateLimit(3, TimeSpan.FromMinutes(1));

        var first = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            first.Add(await TakeAsync(world, "send:x", limit));
        }

        world.Time.Advance(TimeSpan.FromMinutes(1));
        var next = await TakeAsync(world, "send:x", limit);
        var other = await TakeAsync(world, "send:y", limit);

        Assert.Equal([true, true, true, false, false], first);
        Assert.True(next);
        Assert.True(other);
    }

    [Fact]
    public async Task Parallel_requests_from_separate_scopes_never_take_more_than_the_limit()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        var limit = new RateLimit(7, TimeSpan.FromHours(1));

        var taken = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => TakeAsync(world, "send:race", limit)));

        Assert.Equal(7, taken.Count(t => t));
    }

    private static async Task<bool> TakeAsync(TwoFactorWorld world, string subject, RateLimit limit)
    {
        await using var scope = world.NewScope();
        return await scope.ServiceProvider.GetRequiredService<RateLimiter>().TryTakeAsync(subject, limit, CancellationToken.None);
    }
}
