using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace IdentityTfa.IntegrationTests.Api;

/// <summary>An app using the token API over HTTP only.</summary>
public sealed class TokenApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    /// <summary>
    /// Creates the test account (codes by text message) and takes it past its password on a new client: the client,
    /// the challenge's id and the code sent.
    /// </summary>
    public static async Task<(TokenApiClient App, string? ChallengeId, string Code)> PastThePasswordAsync(ShopFactory shop)
    {
        await shop.CreateAccountAsync(Email, Phone, DeliveryChannel.Sms);
        using var reader = shop.NewShopper();
        var app = new TokenApiClient(shop.CreateClient());
        var (_, challenge) = await app.PostAsync("/api/auth/token", new { email = Email, password = Journeys.Password });
        return (app, challenge.GetProperty("challengeId").GetString(), await DevInbox.LatestCodeAsync(reader, Phone));
    }

    public async Task<(int Status, JsonElement Body)> PostAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<(int Status, JsonElement Body)> GetAsync(string path, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 || !text.StartsWith('[') && !text.StartsWith('{') ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<(int Status, JsonElement Body)> PostAuthorizedAsync(string path, object body, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
