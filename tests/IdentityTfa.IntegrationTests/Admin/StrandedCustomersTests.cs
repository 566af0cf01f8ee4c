namespace IdentityTfa.IntegrationTests.Admin;

/// <summary>
/// Forbidding a method for customers (issue 22): the policy page first says how many customers have only methods the
/// change forbids and what happens to them, and saves only once the admin confirms.
/// </summary>
public class StrandedCustomersTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Forbidding_text_messages_first_counts_the_customers_left_with_no_method_and_saves_once_confirmed(string engine)
    {
        await using var database = new EngineDatabase(engine);
        await using var shop = database.Shop();
        await CountsThenSavesAsync(shop);
    }

    private static async Task CountsThenSavesAsync(ShopFactory shop)
    {
        await shop.CreateAccountAsync("ann@example.com", "+16502530001", DeliveryChannel.Sms);
        await shop.CreateAccountAsync("ben@example.com", "+16502530002", DeliveryChannel.Sms, DeliveryChannel.Voice);
        await shop.CreateAccountAsync("cat@example.com", "+16502530003", DeliveryChannel.Sms, DeliveryChannel.Email);
        await shop.CreateAccountAsync("dan@example.com", null, DeliveryChannel.Email);
        using var admin = await shop.SignedInAdminAsync();

        var asked = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Text message", "false"), ("Voice call", "false"));

        // Ann and Ben have only text and call; Cat keeps email, Dan never had a phone, the admin may use any method.
        Assert.Equal("/Admin/Policy", asked.Path);
        Assert.Contains(
            "2 customers have only methods this change forbids. They will get no code to sign in with: they can sign in only with a recovery code until they add an allowed method, or after an admin resets their two-factor sign-in.",
            asked.Document.QuerySelector("#confirm-stranded")!.TextContent);
        Assert.DoesNotContain("The site policy is saved and in force.", asked.Statuses);
        await using (var scope = shop.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>().AnyAsync(a => a.Type == "policy.changed"));
        }

        var saved = await admin.SubmitAsync(asked, "Save policy", ("Yes, forbid these methods for customers", "true"));

        Assert.Contains("The site policy is saved and in force.", saved.Statuses);
        Assert.Null(saved.Document.QuerySelector("#method-Sms[checked]"));
        Assert.Null(saved.Document.QuerySelector("#method-Voice[checked]"));
    }

    [Fact]
    public async Task Forbidding_a_method_no_customer_depends_on_alone_saves_without_asking()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync("cat@example.com", "+16502530003", DeliveryChannel.Sms, DeliveryChannel.Email);
        using var admin = await shop.SignedInAdminAsync();

        var saved = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy", ("Text message", "false"));

        Assert.Null(saved.Document.QuerySelector("#confirm-stranded"));
        Assert.Contains("The site policy is saved and in force.", saved.Statuses);
    }
}
