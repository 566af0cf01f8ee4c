using IdentityTfa.Codes;
using IdentityTfa.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace IdentityTfa.UnitTests.Configuration;

public class TwoFactorOptionsValidatorTests
{
    private readonly TwoFactorOptionsValidator _validator = new(new HostingEnvironment { EnvironmentName = Environments.Development });

    [Fact]
    public void Production_needs_the_public_base_url_and_the_message_names_the_key()
    {
        var production = new TwoFactorOptionsValidator(new HostingEnvironment { EnvironmentName = Environments.Production });

        var result = production.Validate(null, new TwoFactorOptions());

        Assert.Contains("IdentityTfa:PublicBaseUrl must be set in Production", result.FailureMessage);
        Assert.True(production.Validate(null, new TwoFactorOptions { PublicBaseUrl = "https://shop.example.com/", CodeHashKey = StrongKey }).Succeeded);
    }

    [Fact]
    public void Production_needs_the_code_hash_key_from_configuration_and_the_message_names_the_key()
    {
        var production = new TwoFactorOptionsValidator(new HostingEnvironment { EnvironmentName = Environments.Production });

        var result = production.Validate(null, new TwoFactorOptions { PublicBaseUrl = "https://shop.example.com/" });

        Assert.Contains("IdentityTfa:CodeHashKey must be set in Production", result.FailureMessage);
        Assert.True(_validator.Validate(null, new TwoFactorOptions()).Succeeded);
    }

    private static readonly string StrongKey = Convert.ToBase64String(new byte[32]);

    [Theory]
    [InlineData("shop.example.com")]
    [InlineData("/relative")]
    [InlineData("ftp://shop.example.com/")]
    [InlineData("https://shop.example.com/?next=evil")]
    [InlineData("https://user:pass@shop.example.com/")]
    public void A_public_base_url_that_is_not_an_absolute_http_address_is_refused_with_its_key(string value)
    {
        var result = _validator.Validate(null, new TwoFactorOptions { PublicBaseUrl = value });

        Assert.Contains("IdentityTfa:PublicBaseUrl must be an absolute http or https address", result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void The_reauthentication_window_is_refused_outside_one_minute_to_one_hour_with_its_key(int minutes)
    {
        var result = _validator.Validate(null, new TwoFactorOptions { ReauthenticationWindow = TimeSpan.FromMinutes(minutes) });

        Assert.Equal([$"IdentityTfa:ReauthenticationWindow must be between 00:01:00 and 01:00:00 (was {TimeSpan.FromMinutes(minutes)})."], result.Failures!);
    }

    [Fact]
    public void A_request_limit_not_in_count_per_period_notation_and_a_cap_over_100_are_refused_with_their_keys()
    {
        var options = new TwoFactorOptions { SecondFactorFailureCap = 101 };
        options.RequestLimits.PasswordPerAccount = "ten a minute";

        var result = _validator.Validate(null, options);

        Assert.Contains("IdentityTfa:RequestLimits:PasswordPerAccount", result.FailureMessage);
        Assert.Contains("IdentityTfa:SecondFactorFailureCap", result.FailureMessage);
        Assert.Equal("50/5m", new TwoFactorOptions().RequestLimits.PasswordPerAddress);
        Assert.Equal(100, new TwoFactorOptions().SecondFactorFailureCap);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(_validator.Validate(null, new TwoFactorOptions()).Succeeded);
    }

    [Fact]
    public void Start_up_messages_name_the_key_in_English_and_the_same_failures_keep_their_structure_for_the_admin_page()
    {
        var options = new TwoFactorOptions { TrustedDeviceLifetime = TimeSpan.FromMinutes(5) };
        options.Policies.SignIn.Length = 2;
        options.Policies.SignIn.Lifetime = TimeSpan.FromDays(2);
        options.Policies.PhoneVerification.SendsPerDestination = "three a day";
        options.Policies.EmailVerification.MessageTemplates["de"] = "Ihr Code";

        Assert.Equal(
            [
                "IdentityTfa:TrustedDeviceLifetime must be between 01:00:00 and 365.00:00:00 (was 00:05:00).",
                "IdentityTfa:Policies:SignIn:Length must be between 4 and 16 (was 2).",
                "IdentityTfa:Policies:SignIn:Lifetime must be between 00:00:30 and 24:00:00 (was 2.00:00:00).",
                "IdentityTfa:Policies:PhoneVerification:SendsPerDestination must be count/period such as 3/1d or 500/1h (was 'three a day').",
                "IdentityTfa:Policies:EmailVerification:MessageTemplates:de must contain the {code} placeholder.",
            ],
            _validator.Validate(null, options).Failures!);
        var length = _validator.Check(options)[1];
        Assert.Equal(("IdentityTfa:Policies:SignIn:Length", OptionsRules.Between), (length.Key, length.Rule));
        Assert.Equal([4, 16, 2], length.Arguments);
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
        var options = new TwoFactorOptions();
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
        var options = new TwoFactorOptions();
        typeof(TwoFactorOptions).GetProperty(property)!.SetValue(options, value);

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_purpose_is_checked()
    {
        var options = new TwoFactorOptions();
        options.Policies.EmailVerification.Type = (CodeType)42;

        var result = _validator.Validate(null, options);

        Assert.Contains("IdentityTfa:Policies:EmailVerification:Type", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_authenticator_time_step_and_skew_are_checked()
    {
        var options = new TwoFactorOptions();
        options.Authenticator.TimeStep = TimeSpan.FromSeconds(5);
        options.Authenticator.AllowedSkewSteps = 5;

        Assert.Equal(
            [
                "IdentityTfa:Authenticator:TimeStep must be between 00:00:15 and 00:02:00 (was 00:00:05).",
                "IdentityTfa:Authenticator:AllowedSkewSteps must be between 0 and 2 (was 5).",
            ],
            _validator.Validate(null, options).Failures!);
    }
}
