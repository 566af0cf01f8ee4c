namespace IdentityTfa.Administration;

/// <summary>The customers as an admin finds them: searched by email, name or phone prefix, in pages, and one at a time.</summary>
internal interface ICustomerDirectory<TUser>
    where TUser : class
{
    /// <summary>The customers whose email, user name or phone starts with <paramref name="term"/> (all when empty), ordered by email.</summary>
    Task<CustomerPage> SearchAsync(string? term, int pageNumber, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>One customer's two-factor state, or null when no account has that id.</summary>
    Task<CustomerDetails?> FindAsync(string id, CancellationToken cancellationToken = default);
}
