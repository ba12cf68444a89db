using Shop.Pricing;

namespace Shop
{
    public class Quote
    {
        private readonly IPriceService _prices;

        public Quote(IPriceService prices)
        {
            _prices = prices;
        }

        public decimal Total(int productId, int quantity)
        {
            return _prices.GetPrice(productId) * quantity;
        }
    }
}
