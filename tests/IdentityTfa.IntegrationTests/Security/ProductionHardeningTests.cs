using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IdentityTfa.IntegrationTests.Delivery;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>The shop in Production: __Host- Secure cookies, https only (pages redirected, other endpoints refused), proxies believed only when listed, keys required.</summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class ProductionHardeningTests
{
    private const string Proxy = "10.0.0.10";

    [Fact]
    public async Task Every_cookie_is_Secure_and_named_with_the_Host_prefix()
    {
        await using var world = await DeliveryWorld.StartAsync(environment: "Production");
        await world.Shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = world.Shop.NewShopper();

        var verify = await shopper.PasswordStepAsync(Email, Journeys.Password);
        var partial = shopper.Cookies().Select(c => c.Name).ToList();
        var signedIn = await shopper.EnterCodeAsync(verify, world.LatestSmsCode(Phone), trustDevice: true);

        Assert.Equal("/", signedIn.Path);
        Assert.Contains("__Host-Identity.TwoFactorUserId", partial);
        var cookies = shopper.Cookies();
        Assert.Contains(cookies, c => c.Name == "__Host-Identity.Application");
        Assert.Contains(cookies, c => c.Name == "__Host-Identity.TwoFactorRememberMe");
        Assert.Contains(cookies, c => c.Name == "__Host-Antiforgery");
        Assert.All(cookies.Where(c => c.Name != ".AspNetCore.Culture"), c =>
        {
            Assert.StartsWith("__Host-", c.Name, StringComparison.Ordinal);
            Assert.True(c.Secure, c.Name);
            Assert.Equal("/", c.Path);
        });
    }

    [Fact]
    public async Task Http_is_redirected_to_https_and_https_answers_send_HSTS_for_a_year_with_subdomains()
    {
        await using var world = await DeliveryWorld.StartAsync(new() { ["AllowedHosts"] = "localhost;shop.example" }, "Production");
        using var http = world.Shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://shop.example") });
        using var https = world.Shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://shop.example") });

        using var redirected = await http.GetAsync("/Identity/Account/Login");
        using var secure = await https.GetAsync("/Identity/Account/Login");

        Assert.Equal(HttpStatusCode.PermanentRedirect, redirected.StatusCode);
        Assert.Equal(new Uri("https://shop.example/Identity/Account/Login"), redirected.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", secure.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Over_http_the_API_and_callbacks_answer_400_unread_while_pages_redirect_and_health_answers_the_proxy_only()
    {
        var network = new ClientAddress();
        await using var world = await DeliveryWorld.StartAsync(new() { ["AllowedHosts"] = "localhost;shop.example", ["ForwardedHeaders:KnownProxies:0"] = Proxy }, "Production",
            services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(network));
        using var http = world.Shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://shop.example") });
        using var https = world.Shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://shop.example") });

        // A body that is not even JSON: the answer is about https, so the body was never read.
        using var token = await http.PostAsync("/api/auth/token", new StringContent("{\"email\":\"jane@example.com\",\"password\":", System.Text.Encoding.UTF8, "application/json"));
        using var callback = await http.PostAsync("/identitytfa/twilio/status", new FormUrlEncodedContent([new("MessageSid", "SM1"), new("MessageStatus", "delivered")]));
        using var page = await http.GetAsync("/Identity/Account/Login");
        using var securely = await https.PostAsync("/api/auth/token", new StringContent("{\"email\":\"jane@example.com\",\"password\":\"wrong\"}", System.Text.Encoding.UTF8, "application/json"));
        using var probeFromOutside = await http.GetAsync("/health/live");
        using var probeFromProxy = await http.SendAsync(Probe(Proxy));
        using var probeFromLoopback = await http.SendAsync(Probe("127.0.0.1"));

        foreach (var refused in new[] { token, callback, probeFromOutside })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Null(refused.Headers.Location);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("HTTPS is required.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.PermanentRedirect, page.StatusCode);
        Assert.Equal(new Uri("https://shop.example/Identity/Account/Login"), page.Headers.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, securely.StatusCode);
        Assert.Equal(HttpStatusCode.OK, probeFromProxy.StatusCode);
        Assert.Equal(HttpStatusCode.OK, probeFromLoopback.StatusCode);

        static HttpRequestMessage Probe(string peer)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            request.Headers.Add(ClientAddress.Header, peer);
            return request;
        }
    }

    [Fact]
    public async Task Forwarded_headers_are_believed_from_the_listed_proxy_only()
    {
        var network = new ClientAddress();
        await using var world = await DeliveryWorld.StartAsync(new() { ["ForwardedHeaders:KnownProxies:0"] = Proxy }, "Production",
            services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(network));
        using var client = world.Shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });

        using var fromProxy = await client.SendAsync(Forwarded(Proxy));
        var seenFromProxy = network.Seen.Last();
        using var fromElsewhere = await client.SendAsync(Forwarded("10.0.0.99"));
        var seenFromElsewhere = network.Seen.Last();

        Assert.Equal(HttpStatusCode.OK, fromProxy.StatusCode);
        Assert.Equal((IPAddress.Parse("203.0.113.7"), "https"), seenFromProxy);
        Assert.Equal(HttpStatusCode.PermanentRedirect, fromElsewhere.StatusCode);
        Assert.Equal((IPAddress.Parse("10.0.0.99"), "http"), seenFromElsewhere);

        static HttpRequestMessage Forwarded(string peer)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Login");
            request.Headers.Add(ClientAddress.Header, peer);
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            request.Headers.Add("X-Forwarded-Proto", "https");
            return request;
        }
    }

    [Fact]
    public async Task Production_refuses_to_start_without_the_code_hash_key_or_protected_keys_and_names_them()
    {
        await using var world = await DeliveryWorld.StartAsync(new()
        {
            ["IdentityTfa:CodeHashKey"] = "",
            ["DataProtection:AllowUnprotectedKeys"] = "false",
        }, "Production");

        var failure = Assert.ThrowsAny<Exception>(() => world.Shop.NewShopper());

        var message = failure.ToString();
        Assert.Contains("IdentityTfa:CodeHashKey must be set in Production", message);
        Assert.Contains("DataProtection:CertificatePath", message);
        Assert.Contains("DataProtection:CertificateThumbprint", message);
        Assert.Contains("DataProtection:AllowUnprotectedKeys", message);
    }

    [Fact]
    public async Task With_a_certificate_the_Data_Protection_keys_are_stored_encrypted()
    {
        var certificatePath = Path.Combine(Path.GetTempPath(), $"identitytfa-dp-{Guid.NewGuid():N}.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=IdentityTfa test keys", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, "test-password"));
        }

        try
        {
            await using var world = await DeliveryWorld.StartAsync(new()
            {
                ["DataProtection:AllowUnprotectedKeys"] = "false",
                ["DataProtection:CertificatePath"] = certificatePath,
                ["DataProtection:CertificatePassword"] = "test-password",
            }, "Production");
            using var shopper = world.Shop.NewShopper();

            Assert.Equal("/Identity/Account/Login", (await shopper.GetAsync("/Identity/Account/Login")).Path);
            await using var scope = world.Shop.Services.CreateAsyncScope();
            var keys = await scope.ServiceProvider.GetRequiredService<ShopDbContext>().DataProtectionKeys.Select(k => k.Xml).ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, xml => Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(certificatePath);
        }
    }
}
