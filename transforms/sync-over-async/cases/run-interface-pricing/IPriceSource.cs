namespace Pricing
{
    public interface IPriceSource
    {
        string Name { get; }

        decimal GetPrice(string sku);
    }
}
