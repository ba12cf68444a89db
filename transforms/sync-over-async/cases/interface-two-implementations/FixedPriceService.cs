namespace Shop.Pricing
{
    public class FixedPriceService : IPriceService
    {
        public decimal GetPrice(int productId) => 9.99m;
    }
}
