// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Warmup
    {
        private Task LoadPricesAsync() => Task.Delay(1);
        private Task LoadStockAsync() => Task.Delay(1);

        public void WarmUp()
        {
            Task prices = LoadPricesAsync();
            var stock = LoadStockAsync();
            Task.WaitAll(prices, stock);
        }
    }
}
