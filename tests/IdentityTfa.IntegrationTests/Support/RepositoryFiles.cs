namespace IdentityTfa.IntegrationTests.Support;

/// <summary>Finds files of the repository, wherever the tests run from.</summary>
public static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IdentityTfa.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Cannot find IdentityTfa.sln above the test binaries.");
        }
    }

    /// <summary>Twilio's OpenAPI descriptions the fake Twilio checks requests against, copied into <c>tests/contracts/twilio</c>.</summary>
    public static IReadOnlyList<string> TwilioOpenApi
    {
        get
        {
            var folder = Path.Combine(Root, "tests", "contracts", "twilio");
            var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList() : [];
            return files.Count > 0
                ? files
                : throw new InvalidOperationException($"Twilio's OpenAPI descriptions are missing from {folder}.");
        }
    }
}
