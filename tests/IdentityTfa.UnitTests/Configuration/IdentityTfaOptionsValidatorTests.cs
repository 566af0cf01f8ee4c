using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace IdentityTfa.UnitTests.Configuration;

public class IdentityTfaOptionsValidatorTests
{
    private readonly IdentityTfaOptionsValidator _validator = new(new HostingEnvironment { EnvironmentName = Environments.Development });

    [Fact]
    public void Production_needs_the_public_base_url_and_the_message_names_the_key()
    {
        var production = new IdentityTfaOptionsValidator(new HostingEnvironment { EnvironmentName = Environments.Production });

        var result = production.Validate(null, new IdentityTfaOptions());

        Assert.Contains("IdentityTfa:PublicBaseUrl must be set in Production", result.FailureMessage);
        Assert.True(production.Validate(null, new IdentityTfaOptions { PublicBaseUrl = "https://shop.example.com/" }).Succeeded);
    }

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("/relative")]
    [InlineData("ftp://shop.example.com/")]
    [InlineData("https://shop.example.com/?next=evil")]
    [InlineData("https://user:pass@shop.example.com/")]
    public void A_public_base_url_that_is_not_an_absolute_http_address_is_refused_with_its_key(string value)
    {
        var result = _validator.Validate(null, new IdentityTfaOptions { PublicBaseUrl = value });

        Assert.Contains("IdentityTfa:PublicBaseUrl must be an absolute http or https address", result.FailureMessage);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(_validator.Validate(null, new IdentityTfaOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Length", "IdentityTfa:Policies:SignIn:Length")]
    [InlineData("MaxAttempts", "IdentityTfa:Policies:SignIn:MaxAttempts")]
    [InlineData("Lifetime", "IdentityTfa:Policies:SignIn:Lifetime")]
    [InlineData("Template", "IdentityTfa:Policies:SignIn:MessageTemplate")]
    [InlineData("Subject", "IdentityTfa:Policies:SignIn:EmailSubject")]
    [InlineData("Cooldown", "IdentityTfa:Policies:SignIn:ResendCooldown")]
    public void A_bad_policy_value_is_refused_with_its_configuration_key(string what, string key)
    {
        var options = new IdentityTfaOptions();
        var policy = options.Policies.SignIn;
        switch (what)
        {
            case "Length": policy.Length = 3; break;
            case "MaxAttempts": policy.MaxAttempts = 0; break;
            case "Lifetime": policy.Lifetime = TimeSpan.FromSeconds(5); break;
            case "Template": policy.MessageTemplate = "Your code is ready"; break;
            case "Subject": policy.EmailSubject = "Your code is {code}"; break;
            case "Cooldown": policy.ResendCooldown = TimeSpan.FromSeconds(-1); break;
        }

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CodeHashKey", "c2hvcnQ=", "IdentityTfa:CodeHashKey")]
    [InlineData("DefaultPhoneRegion", "Narnia", "IdentityTfa:DefaultPhoneRegion")]
    [InlineData("CompanyName", "", "IdentityTfa:CompanyName")]
    public void A_bad_top_level_value_is_refused_with_its_configuration_key(string property, string value, string key)
    {
        var options = new IdentityTfaOptions();
        typeof(IdentityTfaOptions).GetProperty(property)!.SetValue(options, value);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_purpose_is_checked()
    {
        var options = new IdentityTfaOptions();
        options.Policies.EmailVerification.Type = (CodeType)42;

        var result = _validator.Validate(null, options);

        Assert.Contains("IdentityTfa:Policies:EmailVerification:Type", result.FailureMessage, StringComparison.Ordinal);
    }
}
