namespace IdentityTfa.IntegrationTests.Support;

/// <summary>Finds files of the repository and of <c>../shared</c> beside it, wherever the tests run from.</summary>
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

    public static string TwilioOpenApi
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "twilio", "twilio_api_v2010_messages_calls.json"));
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"Twilio's OpenAPI description is missing at {path}: the repository must be cloned with ../shared beside it.");
        }
    }
}
