namespace IdentityTfa.Shop.Shop;

/// <summary>Something the shop sells.</summary>
public class Product
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public int PriceCents { get; set; }
}
