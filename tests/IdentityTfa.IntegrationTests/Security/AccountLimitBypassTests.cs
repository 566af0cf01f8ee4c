using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// The per-account request limit counts the account that binding and Identity find, however the attacker names it:
/// an un-prefixed <c>Email</c> form key, a repeated JSON <c>email</c> property (binding keeps the last), a chunked JSON
/// body, or another Unicode form of the same address.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class AccountLimitBypassTests(SecurityFigures figures)
{
    private const string Login = "/Identity/Account/Login";

    private static ShopFactory Shop()
    {
        var now = DateTimeOffset.UtcNow.AddHours(1);
        return new(new() { ["IdentityTfa:RequestLimits:PasswordPerAccount"] = "3/5m" })
        {
            Time = new FakeTimeProvider(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 2, 0, TimeSpan.Zero)),
            ReplaceServices = ClientAddressHeader.AddTo,
        };
    }

    private static async Task<HttpStatusCode> PostFormAsync(ShopFactory shop, string address, params (string Key, string Value)[] fields)
    {
        using var client = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientAddressHeader.Header, address);
        using var form = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("Input.Password", "Wrong-Password-1")));
        using var response = await client.PostAsync(Login, form);
        return response.StatusCode;
    }

    [Fact]
    public async Task Sign_in_posts_naming_the_account_by_the_unprefixed_Email_key_are_counted_for_that_account()
    {
        await using var shop = Shop();
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostFormAsync(shop, $"198.51.100.{i + 1}", ("Email", Email)));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostFormAsync(shop, "198.51.100.50", ("Input.Email", Email)));
        figures.Add("rate_limit.refused", 1);
    }

    [Fact]
    public async Task A_decoy_Input_Email_beside_an_Email_key_does_not_hide_the_account()
    {
        await using var shop = Shop();
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests,
                await PostFormAsync(shop, $"198.51.100.{i + 1}", ("Input.Email", $"decoy{i}@example.com"), ("Email", Email)));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostFormAsync(shop, "198.51.100.50", ("Input.Email", Email)));
    }

    [Fact]
    public async Task Another_Unicode_form_of_the_address_is_the_same_account()
    {
        await using var shop = Shop();
        for (var i = 0; i < 3; i++)
        {
            // "é" as e and a combining accent: Identity's normalizer makes it the one-character é.
            Assert.NotEqual(HttpStatusCode.TooManyRequests, await PostFormAsync(shop, $"198.51.100.{i + 1}", ("Input.Email", "jose\u0301@example.com")));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostFormAsync(shop, "198.51.100.50", ("Input.Email", "jos\u00e9@example.com")));
    }

    [Fact]
    public async Task A_token_request_with_two_email_properties_is_counted_for_the_last_which_binding_uses()
    {
        await using var shop = Shop();
        using var client = shop.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var content = new StringContent(
                $$"""{"email":"decoy{{i}}@example.com","Email":"jane@example.com","password":"Wrong-Password-1"}""", Encoding.UTF8, "application/json");
            using var allowed = await client.PostAsync("/api/auth/token", content);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("/api/auth/token", new { email = Email, password = "Wrong-Password-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task A_chunked_token_request_without_a_length_is_counted_for_its_account()
    {
        await using var shop = Shop();
        using var client = shop.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var content = new UnsizedContent("""{"email":"jane@example.com","password":"Wrong-Password-1"}""");
            using var allowed = await client.PostAsync("/api/auth/token", content);
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("/api/auth/token", new { email = Email, password = "Wrong-Password-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    // JSON sent without Content-Length, as a chunked body is.
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] body;

        public UnsizedContent(string json)
        {
            body = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
