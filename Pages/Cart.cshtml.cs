using IdentityTfa.Shop.Data;
using IdentityTfa.Shop.Shop;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdentityTfa.Shop.Pages;

public class CartModel(ShopDbContext db, UserManager<IdentityUser> users, TimeProvider time) : PageModel
{
    public IReadOnlyList<(Product Product, int Quantity)> Lines { get; private set; } = [];

    public void OnGet()
    {
        Lines = Cart.Read(Request).Quantities
            .Select(q => (Catalogue.Products.Single(p => p.Id == q.Key), q.Value))
            .ToList();
    }

    public async Task<IActionResult> OnPostPlaceOrderAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }

        var cart = Cart.Read(Request);
        if (cart.Quantities.Count == 0)
        {
            return RedirectToPage();
        }

        var order = new Order
        {
            UserId = users.GetUserId(User)!,
            PlacedAt = time.GetUtcNow().UtcDateTime,
            Lines = cart.Quantities.Select(q =>
            {
                var product = Catalogue.Products.Single(p => p.Id == q.Key);
                return new OrderLine { ProductId = product.Id, ProductName = product.Name, PriceCents = product.PriceCents, Quantity = q.Value };
            }).ToList(),
        };
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        Cart.Clear(Response);
        return RedirectToPage("/Orders", new { placed = order.Id });
    }
}
