namespace IdentityTfa.Shop.Resources;

/// <summary>
/// Words of the shop's own pages, layout and footer (<c>Resources/ShopText.resx</c>, <c>.es.resx</c>, <c>.de.resx</c>),
/// read through <c>IStringLocalizer&lt;ShopText&gt;</c> with the English text as the key. The package's words live
/// in its own resources, which are internal to it.
/// </summary>
public sealed class ShopText;
