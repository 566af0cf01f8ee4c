using IdentityTfa.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace IdentityTfa.UnitTests.Support;

/// <summary>An application's context as the README tells one to write it: Identity's tables plus IdentityTfa's.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddIdentityTfaModel();
    }
}
