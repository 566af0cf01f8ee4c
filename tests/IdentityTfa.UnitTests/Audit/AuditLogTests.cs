using IdentityTfa.Audit;
using IdentityTfa.Data;
using IdentityTfa.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdentityTfa.UnitTests.Audit;

public class AuditLogTests
{
    [Fact]
    public async Task A_batch_writes_its_rows_in_order_at_the_flush_and_a_batch_within_it_changes_nothing()
    {
        await using var world = await TfaWorld.CreateAsync();
        await using var scope = world.NewScope();
        var audit = (AuditLog)scope.ServiceProvider.GetRequiredService<IAuditLog>();

        using (audit.Batch())
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.CodeVerified, "user-1") { Channel = "Sms" });
            using (audit.Batch())
            {
                await audit.WriteAsync(new AuditEntry(AuditEventTypes.SignedIn, "user-1") { Detail = "amr=sms" });
            }

            Assert.Empty(await RowsAsync(world));
            await audit.FlushAsync();
        }

        var rows = await RowsAsync(world);
        Assert.Equal([AuditEventTypes.CodeVerified, AuditEventTypes.SignedIn], rows.Select(r => r.Type));
        Assert.Equal(["Sms", null], rows.Select(r => r.Channel));
        Assert.Equal([null, "amr=sms"], rows.Select(r => r.Detail));
    }

    [Fact]
    public async Task Rows_of_a_batch_that_is_never_flushed_are_not_written_and_later_rows_are_written_at_once()
    {
        await using var world = await TfaWorld.CreateAsync();
        await using var scope = world.NewScope();
        var audit = (AuditLog)scope.ServiceProvider.GetRequiredService<IAuditLog>();

        using (audit.Batch())
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.CodeRejected, "user-1"));
        }

        await audit.WriteAsync(new AuditEntry(AuditEventTypes.SignedIn, "user-1"));

        Assert.Equal([AuditEventTypes.SignedIn], (await RowsAsync(world)).Select(r => r.Type));
    }

    private static async Task<List<AuditEvent>> RowsAsync(TfaWorld world)
    {
        await using var scope = world.NewScope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<AuditEvent>().AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }
}
