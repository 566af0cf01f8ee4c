using IdentityTfa.Audit;

namespace IdentityTfa.UnitTests.Audit;

public class AuditLogTests
{
    [Fact]
    public async Task Rows_written_together_are_written_in_order_at_the_end_and_a_batch_within_it_changes_nothing()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        await using var scope = world.NewScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();

        await audit.WriteTogetherAsync(async () =>
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.CodeVerified, "user-1") { Channel = "Sms" });
            await audit.WriteTogetherAsync(async () =>
            {
                await audit.WriteAsync(new AuditEntry(AuditEventTypes.SignedIn, "user-1") { Detail = "amr=sms" });
                return true;
            });

            Assert.Empty(await RowsAsync(world));
            return true;
        });

        var rows = await RowsAsync(world);
        Assert.Equal([AuditEventTypes.CodeVerified, AuditEventTypes.SignedIn], rows.Select(r => r.Type));
        Assert.Equal(["Sms", null], rows.Select(r => r.Channel));
        Assert.Equal([null, "amr=sms"], rows.Select(r => r.Detail));
    }

    [Fact]
    public async Task Rows_of_writes_that_throw_are_not_written_and_later_rows_are_written_at_once()
    {
        await using var world = await TwoFactorWorld.CreateAsync();
        await using var scope = world.NewScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditLog>();

        await Assert.ThrowsAsync<InvalidOperationException>(() => audit.WriteTogetherAsync<bool>(async () =>
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.CodeRejected, "user-1"));
            throw new InvalidOperationException("the step failed");
        }));

        await audit.WriteAsync(new AuditEntry(AuditEventTypes.SignedIn, "user-1"));

        Assert.Equal([AuditEventTypes.SignedIn], (await RowsAsync(world)).Select(r => r.Type));
    }

    private static async Task<List<AuditEvent>> RowsAsync(TwoFactorWorld world)
    {
        await using var scope = world.NewScope();
        return await scope.ServiceProvider.GetRequiredService<TestDbContext>().Set<AuditEvent>().AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }
}
