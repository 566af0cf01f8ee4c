namespace IdentityTfa.Shop.Shop;

/// <summary>The shop's fixed range, seeded by the first migration.</summary>
public static class Catalogue
{
    public static readonly Product[] Products =
    [
        new() { Id = 1, Name = "Sencha", Description = "Steamed green tea from Shizuoka.", PriceCents = 1250 },
        new() { Id = 2, Name = "Assam", Description = "Malty black tea for breakfast.", PriceCents = 990 },
        new() { Id = 3, Name = "Oolong", Description = "Half-oxidised tea from Taiwan's mountains.", PriceCents = 1475 },
        new() { Id = 4, Name = "Teapot", Description = "A 600 ml cast-iron teapot.", PriceCents = 4500 },
    ];

    /// <summary>
    /// Each product's picture (drawn for the shop, under wwwroot/img/products). A static map rather than a column: the
    /// range is fixed in code and a picture is the web site's, not the order history's.
    /// </summary>
    private static readonly Dictionary<int, ProductPicture> Pictures = new()
    {
        [1] = new("~/img/products/sencha.svg", "A green tin of Sencha with a tea leaf on its label"),
        [2] = new("~/img/products/assam.svg", "A steaming cup of dark Assam tea on a saucer"),
        [3] = new("~/img/products/oolong.svg", "A blue bowl of rolled Oolong leaves"),
        [4] = new("~/img/products/teapot.svg", "A black cast-iron teapot with a studded pattern"),
    };

    /// <summary>The product's picture; every product of the range has one.</summary>
    public static ProductPicture PictureOf(Product product) => Pictures[product.Id];

    public static string Price(int cents) => (cents / 100m).ToString("C", System.Globalization.CultureInfo.GetCultureInfo("en-US"));
}
