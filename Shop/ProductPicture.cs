namespace IdentityTfa.Shop.Shop;

/// <summary>A product's picture under wwwroot and its alternative text (English, the key of its translations in ShopText).</summary>
public sealed record ProductPicture(string Path, string Alt);
