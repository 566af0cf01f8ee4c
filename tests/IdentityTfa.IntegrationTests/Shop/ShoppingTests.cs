namespace IdentityTfa.IntegrationTests.Shop;

public class ShoppingTests
{
    [Fact]
    public async Task A_shopper_fills_the_cart_signs_in_with_a_code_and_sees_the_order()
    {
        await using var shop = new ShopFactory();
        using var shopper = await shop.EnrolledShopperAsync();

        var catalogue = await shopper.GetAsync("/");
        var added = await shopper.SubmitAsync(catalogue, "Add to cart: Sencha");
        Assert.Contains("Sencha was added to your cart.", added.Statuses);
        await shopper.SubmitAsync(added, "Add to cart: Teapot");
        var cart = await shopper.GetAsync("/Cart");
        Assert.Contains("$57.50", cart.Text);

        var signInFirst = await shopper.SubmitAsync(cart, "Place order");
        Assert.Equal("/Identity/Account/Login", signInFirst.Path);

        await shopper.SignInWithCodeAsync(shop, Email);
        var placed = await shopper.SubmitAsync(await shopper.GetAsync("/Cart"), "Place order");

        Assert.Equal("/Orders", placed.Path);
        Assert.Contains("is placed", placed.Statuses);
        Assert.Contains("1 × Sencha, 1 × Teapot, $57.50", placed.Text);
    }

    [Fact]
    public async Task Orders_of_one_shopper_are_not_shown_to_another()
    {
        await using var shop = new ShopFactory();
        using var jane = await shop.EnrolledShopperAsync();
        await jane.SubmitAsync(await jane.GetAsync("/"), "Add to cart: Oolong");
        await jane.SignInWithCodeAsync(shop, Email);
        await jane.SubmitAsync(await jane.GetAsync("/Cart"), "Place order");

        using var john = shop.NewShopper();
        await john.RegisterAsync("john@example.com");
        await john.SignInWithoutSecondFactorAsync("john@example.com");
        var johnsOrders = await john.GetAsync("/Orders");

        Assert.Contains("You have no orders yet.", johnsOrders.Text);
        Assert.DoesNotContain("Oolong", johnsOrders.Text);
    }
}
