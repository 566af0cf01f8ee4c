using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace IdentityTfa.IntegrationTests.Support;

/// <summary>A real SMTP server on loopback (Debian's python3-aiosmtpd) that keeps every mail in a maildir for the tests to read.</summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private const int TranscriptLines = 200;
    private readonly Process _process;
    private readonly string _maildir;
    private readonly ConcurrentQueue<string> _transcript = new();

    private SmtpServer(Process process, string maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpServer> StartAsync()
    {
        var check = Process.Start(new ProcessStartInfo(Python, "-c \"import aiosmtpd\"") { RedirectStandardError = true });
        if (check is null || !check.WaitForExit(30_000) || check.ExitCode != 0)
        {
            throw new InvalidOperationException("The test SMTP server is missing. Run 'bash scripts/test.sh', or install it with 'apt-get install python3-aiosmtpd'.");
        }

        var maildir = Path.Combine(Path.GetTempPath(), $"identitytfa-mail-{Guid.NewGuid():N}");
        foreach (var sub in new[] { "new", "cur", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, sub));
        }

        var port = FreePort();
        var start = new ProcessStartInfo(Python, $"-m aiosmtpd -n -d -l 127.0.0.1:{port} -c aiosmtpd.handlers.Mailbox {maildir}")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the test SMTP server.");

        // The server says when it listens; wait for that line, not for a fixed time.
        using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardError.ReadLineAsync(startup.Token) is { } line)
        {
            if (line.Contains("is listening", StringComparison.Ordinal))
            {
                var server = new SmtpServer(process, maildir, port);
                _ = server.KeepTranscriptAsync();
                return server;
            }
        }

        throw new InvalidOperationException("The test SMTP server stopped before it listened.");
    }

    public Dictionary<string, string?> Settings() => new()
    {
        ["IdentityTfa:Email:Smtp:Host"] = "127.0.0.1",
        ["IdentityTfa:Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["IdentityTfa:Email:Smtp:Security"] = "None",
        ["IdentityTfa:Email:Smtp:From"] = "shop@tinytea.example",
    };

    /// <summary>Every mail the server took, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        Directory.GetFiles(Path.Combine(_maildir, "new"))
            .Select(file => (Time: File.GetLastWriteTimeUtc(file), Message: MimeMessage.Load(file)))
            .OrderBy(m => m.Time)
            .Select(m => m.Message)
            .ToList();

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages().Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList();

    /// <summary>The newest mail to <paramref name="address"/>; when there is none, the failure carries the server's log.</summary>
    public MimeMessage LatestTo(string address) =>
        MessagesTo(address) is { Count: > 0 } mails ? mails[^1] : throw Missing($"No mail to {address} reached the test SMTP server.");

    /// <summary>The one mail to <paramref name="address"/>; when there is none or more, the failure carries the server's log.</summary>
    public MimeMessage SingleTo(string address)
    {
        var mails = MessagesTo(address);
        return mails.Count == 1 ? mails[0] : throw Missing($"Expected one mail to {address} at the test SMTP server, found {mails.Count}.");
    }

    /// <summary>The server's last lines of debug log: each connection and command it saw.</summary>
    public string Transcript => string.Join(Environment.NewLine, _transcript);

    private InvalidOperationException Missing(string what) =>
        new($"{what} The server's log (last {TranscriptLines} lines):{Environment.NewLine}{Transcript}");

    private async Task KeepTranscriptAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            _transcript.Enqueue(line);
            while (_transcript.Count > TranscriptLines && _transcript.TryDequeue(out _))
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_maildir, recursive: true);
    }

    /// <summary>A port nothing listens on, for a server that is down.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
