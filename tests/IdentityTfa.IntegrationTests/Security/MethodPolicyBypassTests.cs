using IdentityTfa.IntegrationTests.Api;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// A method the site policy forbids customers cannot be turned on by posting straight to the pages or the token API
/// that add it, nor by registering with a phone: each refuses it in words (a ProblemDetails for the API), and no code goes out.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class MethodPolicyBypassTests
{
    private const string Customer = Email;
    private const string Refused = "This shop does not let customers use this sign-in method. Choose another one.";

    // Customers may use the authenticator app alone.
    private static async Task<ShopFactory> AppOnlyShopAsync()
    {
        var shop = new ShopFactory();
        using var admin = await shop.SignedInAdminAsync();
        var saved = await admin.SubmitAsync(await admin.GetAsync("/Admin/Policy"), "Save policy",
            ("Text message", "false"), ("Voice call", "false"), ("Email", "false"));
        Assert.Contains("The site policy is saved and in force.", saved.Statuses);
        return shop;
    }

    [Fact]
    public async Task The_add_phone_and_add_email_pages_refuse_a_forbidden_method_in_words_and_send_no_code()
    {
        await using var shop = await AppOnlyShopAsync();
        await shop.CreateAccountAsync(Customer, null);
        using var jane = shop.NewShopper();
        await jane.SignInWithoutSecondFactorAsync(Customer);

        var phone = await jane.SubmitAsync(await jane.GetAsync("/Identity/Account/Manage/AddPhone"), "Send code", ("Phone number", Phone));
        var email = await jane.SubmitAsync(await jane.GetAsync("/Identity/Account/Manage/AddEmail"), "Send code", ("Email address", "jane.work@example.com"));

        Assert.Contains(Refused, phone.Alerts);
        Assert.Contains(Refused, email.Alerts);
        Assert.Equal(0, await DevInbox.CountToAsync(jane, Phone));
        Assert.Equal(0, await DevInbox.CountToAsync(jane, "jane.work@example.com"));
    }

    [Fact]
    public async Task The_token_API_refuses_a_forbidden_phone_or_email_with_a_problem()
    {
        await using var shop = await AppOnlyShopAsync();
        await shop.CreateAccountAsync(Customer, null);
        using var reader = shop.NewShopper();
        var app = new TokenApiClient(shop.CreateClient());
        var token = (await app.PostAsync("/api/auth/token", new { email = Customer, password = Journeys.Password })).Body.GetProperty("accessToken").GetString()!;

        foreach (var (path, body) in new (string, object)[]
        {
            ("/api/auth/phone/code", new { phone = Phone }),
            ("/api/auth/phone", new { phone = Phone, code = "123456" }),
            ("/api/auth/email/code", new { email = "jane.work@example.com" }),
            ("/api/auth/email", new { email = "jane.work@example.com", code = "123456" }),
        })
        {
            var (status, problem) = await app.PostAuthorizedAsync(path, body, token);
            Assert.Equal(400, status);
            Assert.Equal("This sign-in method is not allowed.", problem.GetProperty("title").GetString());
        }

        Assert.Equal(0, await DevInbox.CountToAsync(reader, Phone));
        Assert.Equal(0, await DevInbox.CountToAsync(reader, "jane.work@example.com"));
    }

    [Fact]
    public async Task Registration_with_a_phone_is_refused_when_customers_may_not_use_text_messages()
    {
        await using var shop = await AppOnlyShopAsync();
        using var visitor = shop.NewShopper();

        var page = await visitor.SubmitAsync(await visitor.GetAsync("/Identity/Account/Register"), "Send code", ("Input.Phone", Phone));
        var app = new TokenApiClient(shop.CreateClient());
        var (status, problem) = await app.PostAsync("/api/auth/register/code", new { phone = Phone });
        var (registerStatus, _) = await app.PostAsync("/api/auth/register", new { email = Customer, password = Journeys.Password, phone = Phone, code = "123456" });

        Assert.Contains("This shop does not let customers sign in with text messages. Leave the phone number empty.", page.Alerts);
        Assert.Equal(400, status);
        Assert.Equal("This sign-in method is not allowed.", problem.GetProperty("title").GetString());
        Assert.Equal(400, registerStatus);
        Assert.Equal(0, await DevInbox.CountToAsync(visitor, Phone));
    }
}
