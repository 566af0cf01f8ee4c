using IdentityTfa.Shop.Data;
using IdentityTfa.Shop.Shop;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace IdentityTfa.Shop.Pages;

[Authorize]
public class OrdersModel(ShopDbContext db, UserManager<IdentityUser> users) : PageModel
{
    public IReadOnlyList<Order> Orders { get; private set; } = [];

    public int? Placed { get; private set; }

    public async Task OnGetAsync(int? placed)
    {
        var userId = users.GetUserId(User);
        Orders = await db.Orders.AsNoTracking().Where(o => o.UserId == userId).OrderByDescending(o => o.Id).Take(50).ToListAsync();
        Placed = Orders.Any(o => o.Id == placed) ? placed : null;
    }
}
