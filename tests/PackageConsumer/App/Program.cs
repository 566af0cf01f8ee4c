using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PackageConsumer.App;

var builder = WebApplication.CreateBuilder(args);

// README: begin
builder.Services.AddDbContext<AppDbContext>(options => options.UseSqlite(builder.Configuration.GetConnectionString("Default")));
builder.Services.AddDefaultIdentity<IdentityUser>()
    .AddEntityFrameworkStores<AppDbContext>()
    .AddIdentityTfa<AppDbContext>(builder.Configuration)
    .AddIdentityTfaUI();
builder.Services.AddRazorPages();
builder.Services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme);
// README: end

var app = builder.Build();
await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.EnsureCreatedAsync();
}

app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapIdentityTfaDevInbox();
app.MapIdentityTfaTokenApi<IdentityUser>();
app.Run();

public partial class Program;
