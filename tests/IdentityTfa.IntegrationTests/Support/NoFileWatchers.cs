using System.Runtime.CompilerServices;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>
/// Every shop a test starts would watch its files through inotify, and Linux allows a user 128 inotify instances: a
/// full run starts more shops than that at once. The tests change no file under a running shop, so none is watched.
/// </summary>
internal static class NoFileWatchers
{
    [ModuleInitializer]
    internal static void Off()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
