using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Persistence;

/// <summary>The application's <see cref="DbContext"/> that holds the IdentityTfa tables, whatever its type.</summary>
internal sealed class TwoFactorDbContextAccessor(DbContext context)
{
    public DbContext Context { get; } = context;
}
