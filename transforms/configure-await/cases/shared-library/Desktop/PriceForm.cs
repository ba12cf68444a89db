using System.Threading.Tasks;

namespace Desktop
{
    public class PriceForm
    {
        private readonly Pricing.PriceList _prices;
        private string _label;

        public PriceForm(Pricing.PriceList prices) => _prices = prices;

        public async Task ShowAsync(string sku)
        {
            decimal price = await _prices.PriceAsync(sku);
            _label = price.ToString();
        }
    }
}
