namespace IdentityTfa.Shop.Shop;

/// <summary>An order a signed-in shopper placed.</summary>
public class Order
{
    public int Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public DateTime PlacedAt { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public int TotalCents => Lines.Sum(l => l.PriceCents * l.Quantity);
}

/// <summary>One product in an order, at the price it was bought for.</summary>
public class OrderLine
{
    public int ProductId { get; set; }

    public string ProductName { get; set; } = string.Empty;

    public int PriceCents { get; set; }

    public int Quantity { get; set; }
}
