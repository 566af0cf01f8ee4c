namespace IdentityTfa.UI.Areas.Admin.Pages.Customers;

/// <summary>Customers with search and paging; the search is a range on indexed columns, so it stays fast with many accounts.</summary>
[TwoFactorDefaultUI(typeof(IndexModel<>))]
public abstract class IndexModel : PageModel
{
    /// <summary>Customers on one page.</summary>
    public const int PageSize = 25;

    /// <summary>What the admin typed: the start of an email, a user name or a phone number.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>The page asked for, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The customers on this page.</summary>
    internal IReadOnlyList<CustomerSummary> Rows { get; private protected set; } = [];

    /// <summary>How many customers the search found.</summary>
    public int Total { get; protected set; }

    /// <summary>How many pages they fill.</summary>
    public int PageCount { get; protected set; } = 1;

    /// <summary>Shows the page of customers.</summary>
    public virtual Task OnGetAsync() => throw new NotImplementedException();
}

internal sealed class IndexModel<TUser>(ICustomerDirectory<TUser> customers) : IndexModel
    where TUser : class
{
    public override async Task OnGetAsync()
    {
        var page = await customers.SearchAsync(Search, PageNumber, PageSize, HttpContext.RequestAborted);
        Rows = page.Customers;
        Total = page.Total;
        PageNumber = page.PageNumber;
        PageCount = page.PageCount;
    }
}
