using System.Collections.Concurrent;
using System.Text.Json;

namespace IdentityTfa.IntegrationTests.Security;

/// <summary>
/// The figures of the attack and fault suite (attempts allowed, races won, faults survived, messages lost), written to
/// TestResults/security-figures.json when the suite ends; the test command prints them so runs can be compared.
/// </summary>
public sealed class SecurityFigures : IDisposable
{
    private readonly ConcurrentDictionary<string, long> _figures = new();

    public void Set(string name, long value) => _figures[name] = value;

    /// <summary>Adds to a figure that several tests count into.</summary>
    public void Add(string name, long value) => _figures.AddOrUpdate(name, value, (_, sum) => sum + value);

    public void Dispose()
    {
        var folder = Path.Combine(RepositoryFiles.Root, "TestResults");
        Directory.CreateDirectory(folder);
        File.WriteAllText(
            Path.Combine(folder, "security-figures.json"),
            JsonSerializer.Serialize(new SortedDictionary<string, long>(_figures), new JsonSerializerOptions { WriteIndented = true }));
    }
}

[CollectionDefinition(nameof(SecuritySuite))]
public sealed class SecuritySuite : ICollectionFixture<SecurityFigures>;
