using IdentityTfa.Configuration;
using IdentityTfa.Policy;

namespace IdentityTfa.UnitTests.Policy;

/// <summary>The per-role method rules of the site policy as stored in its JSON, including the key they replaced.</summary>
public class RoleMethodRulesTests
{
    [Fact]
    public void A_policy_never_changed_asks_an_admin_for_a_strong_method()
    {
        var policy = SitePolicyStore.Merge(new TwoFactorOptions(), row: null);

        Assert.Equal(["Admin"], policy.RoleMethods.Keys);
        Assert.Equal(SiteMethods.Strong, policy.RoleMethods["Admin"]);
        Assert.DoesNotContain(DeliveryChannel.Sms, policy.RoleMethods["Admin"]);
    }

    [Fact]
    public void A_policy_saved_with_the_old_list_of_roles_gives_each_of_them_the_strong_methods()
    {
        var row = new SitePolicy { PoliciesJson = """{"StrongMethodRoles":["Admin","Support"]}""" };

        var policy = SitePolicyStore.Merge(new TwoFactorOptions(), row);

        Assert.Equal(["Admin", "Support"], policy.RoleMethods.Keys.Order());
        Assert.All(policy.RoleMethods.Values, methods => Assert.Equal(SiteMethods.Strong, methods));
        Assert.Equal(["Admin", "Support"], policy.StrongMethodRoles.Order());
    }

    [Fact]
    public void A_policy_saved_with_role_rules_reads_each_role_s_own_methods()
    {
        var row = new SitePolicy { PoliciesJson = """{"StrongMethodRoles":["Admin"],"RoleMethods":{"Support":["Sms","Authenticator"]}}""" };

        var policy = SitePolicyStore.Merge(new TwoFactorOptions(), row);

        Assert.Equal(["Support"], policy.RoleMethods.Keys);
        Assert.Equal([DeliveryChannel.Sms, DeliveryChannel.Authenticator], policy.RoleMethods["Support"]);
    }
}
