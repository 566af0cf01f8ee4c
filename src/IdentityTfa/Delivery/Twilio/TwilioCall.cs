namespace IdentityTfa.Delivery.Twilio;

/// <summary>
/// The caller's <see cref="CancellationToken"/> for the Twilio request under way. The SDK's methods take no token, so it
/// travels with the async flow to <see cref="TwilioRequestHandler"/>, which cancels the HTTP request with it.
/// </summary>
internal static class TwilioCall
{
    private static readonly AsyncLocal<CancellationToken> Current = new();

    public static CancellationToken CancellationToken => Current.Value;

    /// <summary>Runs <paramref name="call"/> with <paramref name="cancellationToken"/> carried to the HTTP handler.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var outer = Current.Value;
        Current.Value = cancellationToken;
        try
        {
            return await call();
        }
        finally
        {
            Current.Value = outer;
        }
    }
}
