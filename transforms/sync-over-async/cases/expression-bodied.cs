// case: rewrite
using System.Threading.Tasks;

namespace Shop
{
    public class Prices
    {
        private Task<decimal> NetAsync(int id) => Task.FromResult(10m * id);

        public decimal Gross(int id) => NetAsync(id).Result * 1.2m;

        public void Refresh() => NetAsync(0).Wait();
    }
}
