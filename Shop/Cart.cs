using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace IdentityTfa.Shop.Shop;

/// <summary>The shopper's cart, kept in a cookie as product ids and quantities; read defensively, since the browser can send anything.</summary>
public sealed class Cart
{
    private const string CookieName = "shop.cart";
    private const int MaxLines = 20;
    private const int MaxQuantity = 99;
    private readonly Dictionary<int, int> _quantities;

    private Cart(Dictionary<int, int> quantities) => _quantities = quantities;

    public IReadOnlyDictionary<int, int> Quantities => _quantities;

    /// <summary>How many items the cart holds, all products together (the navbar's badge).</summary>
    public int Count => _quantities.Values.Sum();

    public static Cart Read(HttpRequest request)
    {
        var quantities = new Dictionary<int, int>();
        var raw = request.Cookies[CookieName] ?? string.Empty;
        foreach (var part in raw.Split('.', StringSplitOptions.RemoveEmptyEntries).Take(MaxLines))
        {
            var pieces = part.Split('x');
            if (pieces.Length == 2
                && int.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity)
                && Catalogue.Products.Any(p => p.Id == id)
                && quantity is > 0 and <= MaxQuantity)
            {
                quantities[id] = quantity;
            }
        }

        return new Cart(quantities);
    }

    public void Add(int productId)
    {
        if (Catalogue.Products.Any(p => p.Id == productId))
        {
            _quantities[productId] = Math.Min(MaxQuantity, _quantities.GetValueOrDefault(productId) + 1);
        }
    }

    public void Write(HttpResponse response)
    {
        var value = string.Join('.', _quantities.Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Key}x{q.Value}")));
        response.Cookies.Append(CookieName, value, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps, IsEssential = true });
    }

    public static void Clear(HttpResponse response) => response.Cookies.Delete(CookieName);
}
