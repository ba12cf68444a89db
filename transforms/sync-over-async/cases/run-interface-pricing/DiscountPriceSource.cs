namespace Pricing
{
    public class DiscountPriceSource : IPriceSource
    {
        private readonly IPriceSource _inner;
        private readonly int _percent;

        public DiscountPriceSource(IPriceSource inner, int percent)
        {
            _inner = inner;
            _percent = percent;
        }

        public string Name => "sale(" + _percent + "%)";

        public decimal GetPrice(string sku) => _inner.GetPrice(sku) * (100 - _percent) / 100;
    }
}
