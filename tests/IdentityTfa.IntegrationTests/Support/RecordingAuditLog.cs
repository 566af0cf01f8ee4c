using System.Collections.Concurrent;
using IdentityTfa.Audit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>An app's own audit log, which keeps what it is given in memory; <see cref="Register"/> puts it in place of the built-in one.</summary>
internal class RecordingAuditLog : IAuditLog
{
    public ConcurrentQueue<AuditEntry> Entries { get; } = new();

    public void Register(IServiceCollection services) => services.Replace(ServiceDescriptor.Scoped<IAuditLog>(_ => this));

    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Entries.Enqueue(entry);
        return Task.CompletedTask;
    }
}
