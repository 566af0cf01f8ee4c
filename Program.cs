using IdentityTfa.Shop.Hosting;
using Microsoft.AspNetCore.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddShopDatabase();
builder.AddShopIdentity();
builder.AddShopTransportSecurity();
builder.AddShopKeyProtection();
builder.Services.AddRazorPages();
builder.Services.AddLocalization(); // the shop's own words: Resources/ShopText

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseShopTransportSecurity(); // forwarded headers first
app.UseShopSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
}

app.UseRequestLocalization("en", "es", "de");
app.UseStaticFiles();
app.UseIdentityTfaRequestLimits();
app.UseRouting();
app.UseAuthentication();
app.UseShopRequiredEnrolment();
app.UseAuthorization();

app.MapRazorPages();
app.MapIdentityTfaDevInbox();
app.MapIdentityTfaTwilioStatusCallback();
app.MapIdentityTfaTokenApi<IdentityUser>();
app.MapIdentityTfaHealth();
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
}

app.Run();

/// <summary>The shop host; public so that tests can start it.</summary>
public partial class Program;
