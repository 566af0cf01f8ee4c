using IdentityTfa.EntityFrameworkCore;
using IdentityTfa.Shop.Shop;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Shop.Data;

/// <summary>
/// The shop's database: Identity's tables, IdentityTfa's tables and the shop's own. Each database engine has a context
/// type of its own (<see cref="SqliteShopDbContext"/>, <see cref="PostgresShopDbContext"/>) so that each keeps its
/// own migrations; the app asks for this base type.
/// </summary>
public abstract class ShopDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    /// <summary>Data Protection's keys: every instance reads every cookie, and a restart keeps them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Order> Orders => Set<Order>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddIdentityTfaModel();

        // The admin area searches customers by phone prefix.
        builder.Entity<IdentityUser>().HasIndex(u => u.PhoneNumber);

        builder.Entity<Product>(product =>
        {
            product.Property(p => p.Name).HasMaxLength(100);
            product.Property(p => p.Description).HasMaxLength(500);
            product.HasData(Catalogue.Products);
        });

        builder.Entity<Order>(order =>
        {
            order.Property(o => o.UserId).HasMaxLength(450);
            order.HasIndex(o => o.UserId);
            order.OwnsMany(o => o.Lines, line =>
            {
                line.ToTable("OrderLines");
                line.WithOwner().HasForeignKey("OrderId");
                line.HasKey("OrderId", nameof(OrderLine.ProductId));
                line.Property(l => l.ProductId).ValueGeneratedNever();
                line.Property(l => l.ProductName).HasMaxLength(100);
            });
        });
    }
}

/// <summary>The shop on SQLite, the embedded default.</summary>
public sealed class SqliteShopDbContext(DbContextOptions<SqliteShopDbContext> options) : ShopDbContext(options);

/// <summary>The shop on PostgreSQL, for several instances over one database.</summary>
public sealed class PostgresShopDbContext(DbContextOptions<PostgresShopDbContext> options) : ShopDbContext(options);
