using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>Input a new user (or a script) sends that no form would: each is refused in words, never with a 500.</summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class BadInputTests
{
    [Fact]
    public async Task A_keep_me_signed_in_box_posted_as_perhaps_redraws_the_sign_in_form_with_a_message()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = shop.NewShopper();
        var login = await shopper.GetAsync("/Identity/Account/Login");
        var form = login.Document.QuerySelector("form input[name='Input.Email']")!.Closest("form")!;
        var values = FormPost.With(FormPost.With(FormPost.With(FormPost.DefaultValues(form), "Input.Email", Email), "Input.Password", Journeys.Password), "Input.RememberMe", "perhaps");

        var page = await shopper.PostAsync(FormPost.Target(login, form), values);

        Assert.Equal(200, page.Status);
        Assert.Equal("/Identity/Account/Login", page.Path);
        Assert.Contains("Tick the box or leave it empty.", page.Alerts);
        Assert.Null(page.Document.QuerySelector("#Input_RememberMe")!.GetAttribute("checked"));
    }

    [Fact]
    public async Task A_trust_this_device_box_posted_as_maybe_redraws_the_verify_screen_with_a_message()
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = shop.NewShopper();
        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);

        var form = verify.FormWithButton("Verify");
        var values = FormPost.With(FormPost.With(FormPost.DefaultValues(form), "Input.Code", "000000"), "Input.TrustDevice", "maybe");

        var page = await shopper.PostAsync(FormPost.Target(verify, form), values);

        Assert.Equal(200, page.Status);
        Assert.Equal("/Identity/Account/LoginWith2fa", page.Path);
        Assert.Contains("Tick the box or leave it empty.", page.Alerts);
        Assert.Null(page.Document.QuerySelector("#Input_TrustDevice")!.GetAttribute("checked"));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("http:\\\\evil.example")]
    public async Task Signing_out_with_a_return_address_of_another_site_goes_home(string returnUrl)
    {
        await using var shop = new ShopFactory();
        await shop.CreateAccountAsync(Email, null);
        using var shopper = shop.NewShopper();
        await shopper.SignInWithoutSecondFactorAsync(Email);
        var home = await shopper.GetAsync("/");
        var form = home.FormWithButton("Sign out");

        var page = await shopper.PostAsync(FormPost.Target(home, form), FormPost.With(FormPost.DefaultValues(form), "returnUrl", returnUrl));

        Assert.Equal(200, page.Status);
        Assert.Equal("localhost", page.Url.Host);
        Assert.Equal("/", page.Path);
        Assert.False(page.HasButton("Sign out"));
    }

    [Fact]
    public async Task Broken_JSON_to_the_token_API_is_a_problem_that_says_the_body_is_not_JSON()
    {
        await using var shop = new ShopFactory();
        using var client = shop.CreateClient();
        using var body = new StringContent("{\"email\": \"jane@example.com\", \"password\": ", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/auth/token", body);

        var problem = await ProblemAsync(response, 400);
        Assert.Equal("The request body is not valid JSON.", problem.GetProperty("title").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task A_JSON_property_of_the_wrong_type_is_a_problem_that_names_it()
    {
        await using var shop = new ShopFactory();
        using var client = shop.CreateClient();
        using var body = new StringContent("{\"challengeId\": \"x\", \"channel\": 42.5}", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/auth/code", body);

        var problem = await ProblemAsync(response, 400);
        Assert.Contains("channel", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_ten_thousand_character_email_is_a_problem_that_names_the_field_and_its_limit()
    {
        await using var shop = new ShopFactory();
        using var client = shop.CreateClient();

        using var response = await client.PostAsync("/api/auth/token", JsonContent(new { email = new string('a', 10_000) + "@example.com", password = "x" }));

        var problem = await ProblemAsync(response, 400);
        Assert.Equal("email must be at most 256 characters.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_missing_password_is_a_problem_that_names_the_field()
    {
        await using var shop = new ShopFactory();
        using var client = shop.CreateClient();

        using var response = await client.PostAsync("/api/auth/token", JsonContent(new { email = Email }));

        var problem = await ProblemAsync(response, 400);
        Assert.Equal("Email and password are required.", problem.GetProperty("title").GetString());
        Assert.Equal("password is required.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_form_encoded_body_is_a_415_problem_that_asks_for_JSON()
    {
        await using var shop = new ShopFactory();
        using var client = shop.CreateClient();
        using var body = new FormUrlEncodedContent([new("email", Email), new("password", Journeys.Password)]);

        using var response = await client.PostAsync("/api/auth/token", body);

        var problem = await ProblemAsync(response, 415);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"HTTP {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }
}
