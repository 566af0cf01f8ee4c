using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace PackageConsumer.Tests;

/// <summary>A second Identity app that has IdentityTfa only as a package signs in with a code by email.</summary>
public class PackagedSignInTests
{
    [Fact]
    public async Task The_packaged_library_signs_in_with_a_code_by_email()
    {
        var database = Path.Combine(Path.GetTempPath(), $"identitytfa-consumer-{Guid.NewGuid():N}.db");
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Default", $"Data Source={database}");
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser { UserName = "jane@example.com", Email = "jane@example.com", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, "Correct-Horse-9")).Succeeded);
        }

        using var client = app.CreateClient();

        // Email codes turn on through the public API alone: a password sign-in, then a code to the account's email.
        using var plain = await client.PostAsJsonAsync("/api/auth/token", new { email = "jane@example.com", password = "Correct-Horse-9" });
        var access = JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var sent = await client.PostAsJsonAsync("/api/auth/email/code", new { email = "jane@example.com" });
        Assert.Equal(202, (int)sent.StatusCode);
        var enrolCode = Regex.Match(await client.GetStringAsync("/dev/inbox"), @"\b\d{6}\b").Value;
        using var enrolled = await client.PostAsJsonAsync("/api/auth/email", new { email = "jane@example.com", code = enrolCode });
        Assert.True(enrolled.IsSuccessStatusCode, await enrolled.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = null;
        using var first = await client.PostAsJsonAsync("/api/auth/token", new { email = "jane@example.com", password = "Correct-Horse-9" });
        var challenge = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(401, (int)first.StatusCode);

        var inbox = await client.GetStringAsync("/dev/inbox");
        var code = Regex.Match(inbox, @"\b\d{6}\b").Value;
        using var second = await client.PostAsJsonAsync("/api/auth/token", new { challengeId = challenge.GetProperty("challengeId").GetString(), code });
        var tokens = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(200, (int)second.StatusCode);
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("accessToken").GetString()));
    }

    [Fact]
    public void The_lines_in_the_README_are_the_lines_of_this_app()
    {
        var root = FindRoot();
        var program = File.ReadAllText(Path.Combine(root, "tests", "PackageConsumer", "App", "Program.cs"));
        var lines = Regex.Match(program, "// README: begin\n(.*?)// README: end", RegexOptions.Singleline).Groups[1].Value
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Contains(line, readme));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IdentityTfa.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root.");
    }
}
