using IdentityTfa.Shop.Shop;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.Shop.Pages;

public class IndexModel : PageModel
{
    public string? Added { get; private set; }

    public void OnGet(int? added)
    {
        Added = Catalogue.Products.FirstOrDefault(p => p.Id == added)?.Name;
    }

    public IActionResult OnPostAdd(int productId)
    {
        var cart = Cart.Read(Request);
        cart.Add(productId);
        cart.Write(Response);
        return RedirectToPage(new { added = productId });
    }
}
