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

    public static string Price(int cents) => (cents / 100m).ToString("C", System.Globalization.CultureInfo.GetCultureInfo("en-US"));
}
