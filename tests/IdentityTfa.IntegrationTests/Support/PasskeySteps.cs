using IdentityTfa.Audit;
using IdentityTfa.Methods;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>The steps the passkey tests share: the browser's passkey requests, an account's passkey, and what the store then holds.</summary>
internal static class PasskeySteps
{
    /// <summary>Posts to <paramref name="url"/> with the page's first antiforgery token; returns the status.</summary>
    public static async Task<HttpStatusCode> PostStatusAsync(Shopper shopper, Page page, string url, params (string Name, string Value)[] fields)
    {
        var token = page.Document.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var response = await shopper.Client.PostAsync(new Uri(page.Url, url),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
        return response.StatusCode;
    }

    /// <summary>Posts the form's options request as its script does (the form's antiforgery token) and returns the JSON.</summary>
    public static async Task<string> PostForJsonAsync(Shopper shopper, Page page, string form)
    {
        var element = page.Document.QuerySelector(form) ?? throw new InvalidOperationException($"No {form} on {page.Path}.");
        var token = element.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var response = await shopper.Client.PostAsync(
            new Uri(page.Url, element.GetAttribute("data-options-url")),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.True(response.IsSuccessStatusCode, $"options: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Stores the authenticator's passkey for the account through Identity (named "Phone", made now, unless told), and
    /// turns the method on; returns the user id.
    /// </summary>
    public static async Task<string> AddPasskeyAsync(ShopFactory shop, string email, SoftAuthenticator authenticator, string name = "Phone", DateTimeOffset? createdAt = null)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, authenticator.Passkey(name, createdAt ?? shop.Time.GetUtcNow()))).Succeeded);
        Assert.True(await scope.ServiceProvider.GetRequiredService<ITwoFactorMethodManager<IdentityUser>>().EnablePasskeysAsync(user));
        return user.Id;
    }

    public static async Task<int> AccessFailedCountAsync(ShopFactory shop, string email)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.GetAccessFailedCountAsync((await users.FindByEmailAsync(email))!);
    }

    public static async Task<int> AuditCountAsync(ShopFactory shop, string type)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ShopDbContext>().Set<AuditEvent>().CountAsync(a => a.Type == type);
    }
}
