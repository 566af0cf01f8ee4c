using IdentityTfa.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdentityTfa.EntityFrameworkCore;

/// <summary>Adds the IdentityTfa tables to an application's own <see cref="DbContext"/>.</summary>
public static class ModelBuilderExtensions
{
    /// <summary>The unique index that allows one waiting code per user and purpose.</summary>
    public const string OneActiveCodeIndex = "IX_TfaChallenges_OneActiveCode";

    /// <summary>Call from <c>OnModelCreating</c>, after <c>base.OnModelCreating</c>, to add the challenge, method, inbox and secret tables.</summary>
    public static ModelBuilder AddIdentityTfaModel(this ModelBuilder builder)
    {
        builder.Entity<TwoFactorChallenge>(challenge =>
        {
            challenge.ToTable("TfaChallenges");
            challenge.HasKey(c => c.Id);
            challenge.Property(c => c.UserId).HasMaxLength(450).IsRequired();
            challenge.Property(c => c.TokenPurpose).HasColumnName("Purpose").HasMaxLength(300).IsRequired();
            challenge.Property(c => c.Purpose).HasColumnName("Policy");
            challenge.Property(c => c.MaskedDestination).HasMaxLength(320).IsRequired();
            challenge.Property(c => c.Salt).HasMaxLength(32).IsRequired();
            challenge.Property(c => c.CodeHash).HasMaxLength(32).IsRequired();
            challenge.Property(c => c.ProviderMessageId).HasMaxLength(64);
            challenge.Property(c => c.DeliveryStatus).HasMaxLength(32);
            // Not on State: a verify changes State, and an index on it would be one more page to write per sign-in
            // (and, on PostgreSQL, would rule out heap-only updates). A user's codes of one purpose are few, and purged.
            challenge.HasIndex(c => new { c.UserId, c.TokenPurpose });
            // One waiting code per user and purpose, held by the database itself whatever the code does: partial, so a
            // used or superseded code leaves it at once. The filter's quoting is read alike by SQLite and PostgreSQL.
            challenge.HasIndex(c => new { c.UserId, c.TokenPurpose }, OneActiveCodeIndex)
                .IsUnique()
                .HasFilter($"\"{nameof(TwoFactorChallenge.State)}\" = {(int)ChallengeState.Active}");
            challenge.HasIndex(c => c.ProviderMessageId);
        });

        builder.Entity<TwoFactorMethod>(method =>
        {
            method.ToTable("TfaMethods");
            method.HasKey(m => new { m.UserId, m.Channel });
            method.Property(m => m.UserId).HasMaxLength(450);
        });

        builder.Entity<DevInboxMessage>(message =>
        {
            message.ToTable("TfaDevInbox");
            message.HasKey(m => m.Id);
            message.Property(m => m.To).HasMaxLength(320).IsRequired();
            message.Property(m => m.Subject).HasMaxLength(300);
        });

        builder.Entity<TwoFactorSecret>(secret =>
        {
            secret.ToTable("TfaSecrets");
            secret.HasKey(s => s.Name);
            secret.Property(s => s.Name).HasMaxLength(100);
        });

        builder.Entity<TrustedDevice>(device =>
        {
            device.ToTable("TfaTrustedDevices");
            device.HasKey(d => d.Id);
            device.Property(d => d.UserId).HasMaxLength(450).IsRequired();
            device.Property(d => d.Name).HasMaxLength(100).IsRequired();
            device.Property(d => d.IpAddress).HasMaxLength(45);
            device.Property(d => d.StampHash).HasMaxLength(32).IsRequired();
            device.HasIndex(d => d.UserId);
        });

        builder.Entity<RecoveryCode>(code =>
        {
            code.ToTable("TfaRecoveryCodes");
            code.HasKey(c => c.Id);
            code.Property(c => c.UserId).HasMaxLength(450).IsRequired();
            code.Property(c => c.CodeHash).HasMaxLength(32).IsRequired();
            code.HasIndex(c => new { c.UserId, c.CodeHash });
        });

        builder.Entity<AuditEvent>(audit =>
        {
            audit.ToTable("TfaAuditEvents");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Type).HasMaxLength(40).IsRequired();
            audit.Property(a => a.UserId).HasMaxLength(450);
            audit.Property(a => a.ActorId).HasMaxLength(450);
            audit.Property(a => a.IpAddress).HasMaxLength(45);
            audit.Property(a => a.UserAgent).HasMaxLength(200);
            audit.Property(a => a.Channel).HasMaxLength(16);
            audit.Property(a => a.Purpose).HasMaxLength(30);
            audit.Property(a => a.MaskedDestination).HasMaxLength(320);
            audit.Property(a => a.Provider).HasMaxLength(40);
            audit.Property(a => a.ProviderMessageId).HasMaxLength(64);
            audit.Property(a => a.Detail).HasMaxLength(1000);
            audit.Property(a => a.OldValue).HasMaxLength(4000);
            audit.Property(a => a.NewValue).HasMaxLength(4000);
            audit.HasIndex(a => a.At);
            audit.HasIndex(a => new { a.UserId, a.Type, a.At });
            audit.HasIndex(a => new { a.Type, a.At });
        });

        builder.Entity<SitePolicy>(policy =>
        {
            policy.ToTable("TfaSitePolicy");
            policy.HasKey(p => p.Id);
            policy.Property(p => p.Id).ValueGeneratedNever();
            policy.Property(p => p.RequiredRoles).HasMaxLength(1000);
            policy.Property(p => p.CompanyName).HasMaxLength(60);
            policy.Property(p => p.UpdatedBy).HasMaxLength(450);
        });

        builder.Entity<RateCounter>(counter =>
        {
            counter.ToTable("TfaRateCounters");
            counter.HasKey(c => c.Key);
            counter.Property(c => c.Key).HasMaxLength(300);
            counter.HasIndex(c => c.ExpiresAt);
        });

        builder.Entity<NumberLookupRecord>(lookup =>
        {
            lookup.ToTable("TfaNumberLookups");
            lookup.HasKey(l => l.PhoneNumber);
            lookup.Property(l => l.PhoneNumber).HasMaxLength(20);
            lookup.Property(l => l.LineType).HasMaxLength(32);
            lookup.Property(l => l.Carrier).HasMaxLength(100);
            lookup.Property(l => l.Decision).HasMaxLength(32).IsRequired();
        });

        // Times are stored as UTC DateTime, which every provider can compare and order; read back as UTC.
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var entity in new[] { typeof(TwoFactorChallenge), typeof(TwoFactorMethod), typeof(DevInboxMessage), typeof(TrustedDevice), typeof(RecoveryCode), typeof(AuditEvent), typeof(SitePolicy), typeof(RateCounter), typeof(NumberLookupRecord) })
        {
            foreach (var property in builder.Entity(entity).Metadata.GetProperties().Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)))
            {
                property.SetValueConverter(property.ClrType == typeof(DateTime) ? utc : new ValueConverter<DateTime?, DateTime?>(v => v, v => v == null ? null : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc)));
            }
        }

        return builder;
    }
}
