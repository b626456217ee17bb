namespace Gateway.Infrastructure.Tests.Phones;

public class PhoneNumbersFacts
{
    [Theory]
    [InlineData("+66 81 234 5678", "+66812345678", "TH")]
    [InlineData("0066812345678", "+66812345678", "TH")]
    [InlineData("+855 12 345 678", "+85512345678", "KH")]
    [InlineData("+856 20 5555 1234", "+8562055551234", "LA")]
    [InlineData("+84 91 234 5678", "+84912345678", "VN")]
    [InlineData("+95 9 123 456 789", "+959123456789", "MM")]
    [InlineData("+44 7700 900123", "+447700900123", null)]
    public void Normalize_GivesE164AndTheServedCountry(string raw, string e164, string? country)
    {
        var number = Infrastructure.Phones.PhoneNumbers.Normalize(raw);
        Assert.NotNull(number);
        Assert.Equal(e164, number.Value.E164);
        Assert.Equal(country, number.Value.Country);
    }

    [Fact]
    public void Normalize_ReadsANationalNumber_InTheDefaultRegion() =>
        Assert.Equal("+66812345678", Infrastructure.Phones.PhoneNumbers.Normalize("081 234 5678", "TH")!.Value.E164);

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("+1")]
    public void Normalize_ReturnsNull_ForWhatCannotBeANumber(string raw) =>
        Assert.Null(Infrastructure.Phones.PhoneNumbers.Normalize(raw));

    [Theory]
    [InlineData("+66812345678", "TH")]
    [InlineData("+85512345678", "KH")]
    [InlineData("+442071838750", "GB")]
    [InlineData("+447911123456", "GG")]
    [InlineData("+12025550143", "US")]
    [InlineData("+18765550123", "JM")]
    [InlineData("+80012345678", null)]
    [InlineData("not a number", null)]
    public void RegionOf_GivesTheCountryOfAnyNumber_ServedOrNot(string e164, string? region) =>
        Assert.Equal(region, Infrastructure.Phones.PhoneNumbers.RegionOf(e164));
}
