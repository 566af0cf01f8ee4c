using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IdentityTfa.UnitTests.Support;

/// <summary>Keeps every log line written, so tests can search them for codes that must never be logged.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public static readonly CapturingLoggerProvider Instance = new();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue($"{eventId.Id} {formatter(state, exception)} {exception}");
    }
}
