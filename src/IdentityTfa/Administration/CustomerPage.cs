namespace IdentityTfa.Administration;

/// <summary>One page of customers found by a search, with the total found and the page's place among them.</summary>
internal sealed record CustomerPage(IReadOnlyList<CustomerSummary> Customers, int Total, int PageNumber, int PageCount);
