using System.Data.Common;
using IdentityTfa.Sending;
using IdentityTfa.TokenProviders;

namespace IdentityTfa.IntegrationTests.Reliability;

/// <summary>
/// A new code ends the earlier one only if it is itself stored: through Identity's own
/// <c>GenerateTwoFactorTokenAsync</c> (an app that sends codes itself), a new code whose row the database refuses
/// leaves the code already sent working, and so does a send of the shop's pages whose code is refused, on both engines.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class CodeIssueFaultTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_new_code_the_database_refuses_leaves_the_earlier_code_working(string engine)
    {
        await using var database = new EngineDatabase(engine);
        await using var shop = database.Shop();
        var sent = await AccountWithACodeAsync(shop);

        await WhileNewCodesAreRefusedAsync(shop, engine, () => InScopeAsync(shop, (users, user) => users.GenerateTwoFactorTokenAsync(user, TwoFactorProviderNames.Sms)));

        Assert.True(await InScopeAsync(shop, (users, user) => users.VerifyTwoFactorTokenAsync(user, TwoFactorProviderNames.Sms, sent)));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task A_send_whose_new_code_the_database_refuses_sends_nothing_and_leaves_the_earlier_code_working(string engine)
    {
        await using var database = new EngineDatabase(engine);
        await using var shop = database.Shop();
        var sent = await AccountWithACodeAsync(shop);
        shop.Time.Advance(TimeSpan.FromMinutes(1));

        await WhileNewCodesAreRefusedAsync(shop, engine, () => InScopeAsync(shop, (_, user, services) =>
            services.GetRequiredService<ITwoFactorCodeSender<IdentityUser>>().SendSignInCodeAsync(user, DeliveryChannel.Sms)));

        Assert.Equal(0, await InScopeAsync(shop, (_, _, services) => services.GetRequiredService<ShopDbContext>().Set<DevInboxMessage>().CountAsync(m => m.To == Phone)));
        Assert.True(await InScopeAsync(shop, (users, user) => users.VerifyTwoFactorTokenAsync(user, TwoFactorProviderNames.Sms, sent)));
    }

    /// <summary>An account with text messages on, and a code issued to it through Identity's own API.</summary>
    private static async Task<string> AccountWithACodeAsync(ShopFactory shop)
    {
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        return await InScopeAsync(shop, (users, user) => users.GenerateTwoFactorTokenAsync(user, TwoFactorProviderNames.Sms));
    }

    /// <summary>Runs <paramref name="issue"/> while the database refuses every new code, and asserts that it fails.</summary>
    private static async Task WhileNewCodesAreRefusedAsync<T>(ShopFactory shop, string engine, Func<Task<T>> issue)
    {
        await ExecuteAsync(shop, engine == "Sqlite" ? SqliteRefusal : PostgresRefusal);
        await Assert.ThrowsAnyAsync<DbException>(issue);
        await ExecuteAsync(shop, engine == "Sqlite" ? "DROP TRIGGER refuse_codes" : "DROP TRIGGER refuse_codes ON \"TfaChallenges\"");
    }

    // The database refuses every new code, as a full disk or a lost connection would at the INSERT.
    private const string SqliteRefusal = "CREATE TRIGGER refuse_codes BEFORE INSERT ON \"TfaChallenges\" BEGIN SELECT RAISE(ABORT, 'refused'); END";

    private const string PostgresRefusal =
        """
        CREATE FUNCTION refuse_codes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$;
        CREATE TRIGGER refuse_codes BEFORE INSERT ON "TfaChallenges" FOR EACH ROW EXECUTE FUNCTION refuse_codes();
        """;

    private static Task<T> InScopeAsync<T>(ShopFactory shop, Func<UserManager<IdentityUser>, IdentityUser, Task<T>> act) =>
        InScopeAsync(shop, (users, user, _) => act(users, user));

    private static async Task<T> InScopeAsync<T>(ShopFactory shop, Func<UserManager<IdentityUser>, IdentityUser, IServiceProvider, Task<T>> act)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await act(users, (await users.FindByEmailAsync(Email))!, scope.ServiceProvider);
    }

    private static async Task ExecuteAsync(ShopFactory shop, string sql)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Database.ExecuteSqlRawAsync(sql);
    }
}
