namespace IdentityTfa.UnitTests.Delivery;

public class MaskedDestinationTests
{
    [Theory]
    [InlineData("+15551234567", "•••• 4567")]
    [InlineData("+447911123456", "•••• 3456")]
    [InlineData("123", "••••")]
    public void Phone_numbers_show_only_the_last_four_digits(string phone, string expected)
    {
        Assert.Equal(expected, MaskedDestination.Phone(phone));
    }

    [Theory]
    [InlineData(Email, "j•••@example.com")]
    [InlineData("x@shop.test", "x•••@shop.test")]
    [InlineData("not-an-address", "••••")]
    public void Email_addresses_show_the_first_letter_and_the_domain(string email, string expected)
    {
        Assert.Equal(expected, MaskedDestination.Email(email));
    }
}
