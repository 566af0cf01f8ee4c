using System.Buffers.Binary;
using System.Collections.Concurrent;
using IdentityTfa.Delivery;
using IdentityTfa.IntegrationTests.Api;
using IdentityTfa.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// Enumeration by time: an unknown email must cost what a wrong password costs. Time is measured in the benchmark, never
/// in a test; here the work is counted instead: one password check each, against hashes of the same algorithm and
/// iteration count, so that no answer comes back sooner for an email that has no account.
/// </summary>
[Collection(nameof(SecuritySuite))]
[Trait("Category", "Security")]
public class EnumerationTests
{
    private const string Email = "jane@example.com";
    private const string Phone = "+16502530000";

    [Fact]
    public async Task The_sign_in_page_checks_one_password_of_the_same_cost_for_an_unknown_email_as_for_a_wrong_password()
    {
        var checks = new PasswordChecks();
        await using var shop = new ShopFactory { ReplaceServices = checks.Install };
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var shopper = shop.NewShopper();

        checks.Clear();
        await shopper.PasswordStepAsync("nobody@example.com", Journeys.Password);
        var forUnknown = checks.Take();
        await shopper.PasswordStepAsync(Email, "Wrong-Password-1");
        var forWrongPassword = checks.Take();

        Assert.Equal(forWrongPassword, forUnknown);
        Assert.Equal("v3 HMACSHA512 100000 iterations", Assert.Single(forUnknown));
    }

    [Fact]
    public async Task The_token_API_checks_one_password_of_the_same_cost_for_an_unknown_email_as_for_a_wrong_password()
    {
        var checks = new PasswordChecks();
        await using var shop = new ShopFactory { ReplaceServices = checks.Install };
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        var app = new TokenApiClient(shop.CreateClient());

        checks.Clear();
        await app.PostAsync("/api/auth/token", new { email = "nobody@example.com", password = Journeys.Password });
        var forUnknown = checks.Take();
        await app.PostAsync("/api/auth/token", new { email = Email, password = "Wrong-Password-1" });
        var forWrongPassword = checks.Take();

        Assert.Equal(forWrongPassword, forUnknown);
        Assert.Single(forUnknown);
    }

    /// <summary>Identity's password hasher, noting what each check costs: the format, the PRF and the iteration count of the hash.</summary>
    private sealed class PasswordChecks
    {
        private readonly ConcurrentQueue<string> _checks = new();

        public void Install(IServiceCollection services)
        {
            services.RemoveAll<IPasswordHasher<IdentityUser>>();
            services.AddScoped<IPasswordHasher<IdentityUser>>(sp => new Counting(
                ActivatorUtilities.CreateInstance<PasswordHasher<IdentityUser>>(sp), this));
        }

        public void Clear() => _checks.Clear();

        public List<string> Take()
        {
            var taken = _checks.ToList();
            _checks.Clear();
            return taken;
        }

        private static string Cost(string hashedPassword)
        {
            var bytes = Convert.FromBase64String(hashedPassword);
            if (bytes[0] != 0x01)
            {
                return $"format {bytes[0]}";
            }

            var prf = (KeyDerivationPrfName)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1));
            return $"v3 {prf} {BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5))} iterations";
        }

        private enum KeyDerivationPrfName : uint
        {
            HMACSHA1 = 0,
            HMACSHA256 = 1,
            HMACSHA512 = 2,
        }

        private sealed class Counting(PasswordHasher<IdentityUser> inner, PasswordChecks checks) : IPasswordHasher<IdentityUser>
        {
            public string HashPassword(IdentityUser user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
            {
                checks._checks.Enqueue(Cost(hashedPassword));
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }
}
